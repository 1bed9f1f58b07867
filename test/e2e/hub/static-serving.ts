import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startTestHub, type TestHub } from './helpers.ts';

/** A built script big enough to be worth compressing. */
const BIG = Array.from({ length: 800 }, (_, i) => `export const line${i} = "Xin chào Cà Mau ${i}";`).join('\n');

const csp = (res: Response) => Object.fromEntries((res.headers.get('content-security-policy') ?? '').split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));

/**
 * The hub serves the built studio (index.html for every app path, hashed
 * assets cached a year) and the renderer's bundle for the preview frame,
 * from folders given here so the test controls their content.
 */
export function defineStaticTests(): void {
  test.describe('static', () => {
    let t: TestHub;
    let dir: string;
    test.beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'pano-static-'));
      mkdirSync(join(dir, 'studio', 'assets'), { recursive: true });
      mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
      writeFileSync(join(dir, 'studio', 'index.html'), '<!doctype html><html lang="vi"><script type="module" src="/assets/index-Ab12Cd34.js"></script></html>');
      writeFileSync(join(dir, 'studio', 'assets', 'index-Ab12Cd34.js'), 'console.log("studio")');
      writeFileSync(join(dir, 'studio', 'assets', 'Shell-Big1.js'), BIG);
      writeFileSync(join(dir, 'studio', 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
      writeFileSync(join(dir, 'secret.txt'), 'outside');
      symlinkSync(join(dir, 'secret.txt'), join(dir, 'studio', 'assets', 'link.js'));
      writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="./assets/index-Zz9.js"></script>');
      writeFileSync(join(dir, 'renderer', 'preview.html'), '<!doctype html><div id="root"></div><script type="module" src="./assets/index-Zz9.js"></script><!-- preview -->');
      writeFileSync(join(dir, 'renderer', 'assets', 'index-Zz9.js'), 'console.log("engine")');
      t = await startTestHub('sqlite', { staticDirs: { studio: join(dir, 'studio'), renderer: join(dir, 'renderer') } });
    });
    test.afterAll(async () => {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    test('the studio: index.html for every app path (no-cache, strict CSP, nosniff), hashed assets immutable', async () => {
      for (const path of ['/', '/login', '/channels/lobby', '/screens/tsn-1', '/pair?code=7KC-Q9P']) {
        const res = await fetch(`${t.url}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(res.headers.get('cache-control')).toBe('no-cache');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(await res.text()).toContain('/assets/index-Ab12Cd34.js');
        const policy = csp(res);
        expect(policy['script-src']).toBe("'self'");
        expect(policy['frame-ancestors']).toBe("'self'");
        expect(policy['object-src']).toBe("'none'");
        expect(policy['default-src']).toBe("'self'");
      }
      const asset = await fetch(`${t.url}/assets/index-Ab12Cd34.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await asset.text()).toBe('console.log("studio")');
      expect((await fetch(`${t.url}/favicon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
      // No file outside the build, however asked: missing, traversal, dot files, symlinks.
      for (const path of ['/assets/missing-123.js', '/assets/%2e%2e%2fsecret.txt', '/assets/..%2F..%2Fsecret.txt', '/assets/.hidden', '/assets/link.js']) {
        expect((await fetch(`${t.url}${path}`)).status, path).toBe(404);
      }
      // The API stays JSON, whatever the path; unknown API paths are JSON 404s, not the app.
      const api = await fetch(`${t.url}/api/nothing-here`);
      expect(api.status).toBe(404);
      expect(api.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect((await fetch(`${t.url}/channels`, { method: 'POST' })).status).toBe(404);
    });

    test('built files go compressed, brotli or gzip by Accept-Encoding, with Vary; small files and fonts as they are', async () => {
      const get = (path: string, acceptEncoding: string) => new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        // node:http, not fetch: fetch would ask for and undo the encoding itself.
        httpGet(`${t.url}${path}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
      const br = await get('/assets/Shell-Big1.js', 'gzip, deflate, br, zstd');
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toBe('Accept-Encoding');
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(Number(br.headers['content-length'])).toBe(br.body.length);
      expect(br.body.length).toBeLessThan(BIG.length / 10);
      expect(brotliDecompressSync(br.body).toString()).toBe(BIG);
      const gz = await get('/assets/Shell-Big1.js', 'gzip');
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.body).toString()).toBe(BIG);
      expect(gz.headers.etag).not.toBe(br.headers.etag);
      // Asked again with the compressed version's ETag: 304.
      const again = await fetch(`${t.url}/assets/Shell-Big1.js`, { headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) } });
      expect(again.status).toBe(304);
      const plain = await get('/assets/Shell-Big1.js', 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBe('Accept-Encoding');
      expect(plain.body.toString()).toBe(BIG);
      const small = await get('/assets/index-Ab12Cd34.js', 'br');
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(small.body.toString()).toBe('console.log("studio")');
    });

    test("the renderer's bundle under /preview/ for the studio's real-engine preview frame", async () => {
      const page = await fetch(`${t.url}/preview/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(csp(page)['frame-ancestors']).toBe("'self'");
      expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      // The preview's own page: the screen's index.html preloads the core's /api/state, which the hub has not.
      expect(await page.text()).toContain('<!-- preview -->');
      const script = await fetch(`${t.url}/preview/assets/index-Zz9.js`);
      expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await script.text()).toBe('console.log("engine")');
    });

    test('without a built studio the hub says how to build it, in Vietnamese and English', async () => {
      const bare = await startTestHub('sqlite', { staticDirs: { studio: join(dir, 'nothing') } });
      try {
        const res = await fetch(`${bare.url}/`);
        expect(res.status).toBe(503);
        const text = await res.text();
        expect(text).toContain('npm run build:studio');
        expect(text).toContain('Chưa dựng giao diện');
        expect(text).toContain('has not been built');
      } finally {
        await bare.close();
      }
    });
  });
}

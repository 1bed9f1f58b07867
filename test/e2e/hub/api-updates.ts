import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { updateFeedUrl, type LoadedConfig } from '../../../electron/settings.ts';
import type { Backend, TestHub } from './helpers.ts';

/** A GET with the path sent byte for byte (fetch would normalise `..` and `%2e%2e` away before sending). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The electron-updater feed (DATA/updates) the Electron shell defaults to. */
export function defineUpdateTests(backend: Backend, hub: () => TestHub): void {
  test(`${backend}: the update feed serves latest.yml and installers with Range and ETag, without credentials`, async () => {
    const t = hub();
    const dir = join(t.dataDir, 'updates');
    const installer = randomBytes(256 * 1024);
    const yml = 'version: 1.2.0\nfiles:\n  - url: Pano-1.2.0.AppImage\n    size: 262144\npath: Pano-1.2.0.AppImage\n';
    writeFileSync(join(dir, 'latest-linux.yml'), yml);
    writeFileSync(join(dir, 'latest.yml'), yml.replace('AppImage', 'exe'));
    writeFileSync(join(dir, 'Pano-1.2.0.AppImage'), installer);

    // The shell's default feed (<hubUrl>/updates/) is where the hub serves them.
    const feed = updateFeedUrl({ core: { hubUrl: t.url }, shell: {} } as LoadedConfig)!;
    const latest = await fetch(new URL('latest-linux.yml', feed));
    expect(latest.status).toBe(200);
    expect(latest.headers.get('content-type')).toBe('text/yaml; charset=utf-8');
    expect(latest.headers.get('content-length')).toBe(String(Buffer.byteLength(yml)));
    expect(latest.headers.get('cache-control')).toBe('no-cache');
    expect(await latest.text()).toBe(yml);
    const etag = latest.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect((await fetch(new URL('latest-linux.yml', feed), { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect(await (await fetch(`${t.url}/updates/latest.yml`)).text()).toContain('Pano-1.2.0.exe');

    // A resumed installer download: a Range answered 206 with exactly those bytes.
    const url = `${t.url}/updates/Pano-1.2.0.AppImage`;
    const whole = await fetch(url, { method: 'HEAD' });
    expect(whole.headers.get('content-length')).toBe(String(installer.length));
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const part = await fetch(url, { headers: { range: 'bytes=100000-100999', 'if-range': whole.headers.get('etag')! } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100000-100999/${installer.length}`);
    expect(part.headers.get('content-length')).toBe('1000');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(installer.subarray(100000, 101000));
    const tail = await fetch(url, { headers: { range: 'bytes=-16' } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(installer.subarray(installer.length - 16));
    expect((await fetch(url, { headers: { range: `bytes=${installer.length}-` } })).status).toBe(416);
    // A stale If-Range (the file was replaced) gets the whole new file, not a spliced part.
    expect((await fetch(url, { headers: { range: 'bytes=0-9', 'if-range': '"old"' } })).status).toBe(200);
    expect((await fetch(url, { method: 'POST' })).status).toBe(405);
  });

  test(`${backend}: the update feed lists nothing and never leaves its folder`, async () => {
    const t = hub();
    const dir = join(t.dataDir, 'updates');
    const secret = `secret-${randomBytes(8).toString('hex')}`;
    writeFileSync(join(t.dataDir, 'secret.txt'), secret);
    mkdirSync(join(dir, 'old'), { recursive: true });
    writeFileSync(join(dir, 'old', 'latest.yml'), secret);
    writeFileSync(join(dir, '.hidden'), secret);
    symlinkSync(join(t.dataDir, 'secret.txt'), join(dir, 'link.yml'));
    const attempts = [
      '/updates/',
      '/updates',
      '/updates/old',
      '/updates/old/latest.yml',
      '/updates/.hidden',
      '/updates/link.yml',
      '/updates/../secret.txt',
      '/updates/%2e%2e/secret.txt',
      '/updates/%2e%2e%2fsecret.txt',
      '/updates/..%2fsecret.txt',
      '/updates/%2E%2E%2Fsecret.txt',
      '/updates/..%5csecret.txt',
      '/updates/old%2flatest.yml',
      `/updates/${encodeURIComponent(join(t.dataDir, 'secret.txt'))}`,
      `/updates/${join(t.dataDir, 'secret.txt')}`,
      '/updates//etc/passwd',
      '/updates/%00latest.yml',
      '/updates/latest.yml%00',
    ];
    for (const path of attempts) {
      const res = await rawGet(t.url, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain(secret);
      expect(res.body, path).not.toContain('root:');
    }
  });
}

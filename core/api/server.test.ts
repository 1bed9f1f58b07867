import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOrigin, type Origin } from '../../test/fixtures/core-origin.ts';
import { publish, startPlayer, waitState, type Started } from '../../test/fixtures/core-harness.ts';

let origin: Origin;
let p: Started;
const image = randomBytes(10_000);

/** Raw request so that Host and Cookie can be set exactly. */
function raw(path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const url = new URL(p.api);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: url.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const auth = () => ({ authorization: `Bearer ${p.token}` });

beforeAll(async () => {
  origin = await startOrigin();
  publish(origin, { version: 1, assets: { pic: { bytes: image, type: 'image/jpeg' } }, liveUrl: 'https://live.example.com/stream/index.m3u8' });
  p = await startPlayer(origin, { rendererDir: '/nonexistent-renderer' });
  await waitState(p.core, (s) => s.phase === 'ready');
});
afterAll(async () => {
  await p.cleanup();
  await origin.close();
});

describe('local API', () => {
  it('sets an HttpOnly SameSite=Strict cookie from ?token= and redirects', async () => {
    const res = await raw(`/?token=${p.token}&display=main`, {});
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/?display=main');
    const cookie = res.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await raw('/?display=main', { cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('npm run build:renderer');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    // Live streams go through /live/ (checked against the current playlist), never straight from the page.
    expect(csp).toContain("connect-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a wrong token, no credentials, and foreign Host headers', async () => {
    expect((await raw('/?token=nope&display=main', {})).status).toBe(401);
    expect((await raw('/api/state', {})).status).toBe(401);
    expect((await raw('/api/state', { ...auth(), host: 'evil.example:80' })).status).toBe(421);
    const ok = await raw('/api/state', { ...auth(), origin: 'https://evil.example' });
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.headers).some((h) => h.startsWith('access-control-'))).toBe(false);
  });

  it('serves state as JSON and as an SSE stream', async () => {
    const res = await raw('/api/state', auth());
    const state = JSON.parse(res.body.toString());
    expect(state.phase).toBe('ready');
    expect(state.media.pic).toMatch(/^\/media\/[0-9a-f]{64}$/);
    const url = new URL(p.api);
    const first = await new Promise<string>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: url.port, path: '/api/state/stream', headers: auth() }, (r) => {
        expect(r.headers['content-type']).toBe('text/event-stream');
        r.setEncoding('utf8');
        r.once('data', (d: string) => {
          req.destroy();
          resolve(d);
        });
      });
    });
    expect(first).toMatch(/^event: state\ndata: \{/);
  });

  it('serves media with Range and the asset media type; unknown hashes are 404', async () => {
    const path = p.core.state().media.pic!;
    const full = await raw(path, auth());
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    expect(full.body.equals(image)).toBe(true);
    const part = await raw(path, { ...auth(), range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${image.length}`);
    expect(part.body.equals(image.subarray(100, 200))).toBe(true);
    const tail = await raw(path, { ...auth(), range: 'bytes=-10' });
    expect(tail.body.equals(image.subarray(image.length - 10))).toBe(true);
    expect((await raw(path, { ...auth(), range: `bytes=${image.length}-` })).status).toBe(416);
    expect((await raw(`/media/${'0'.repeat(64)}`, auth())).status).toBe(404);
    expect((await raw(`${path}/%E0%A4%A`, auth())).status).toBe(400);
    for (const evil of ['/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd.txt', '/../../etc/passwd']) {
      expect((await raw(evil, auth())).body.toString()).not.toContain('root:');
    }
  });

  it('relays live streams of the current playlist only, under /live/<scheme>/<host>/<path>', async () => {
    const upstream = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' }).end(`#EXTM3U ${req.url}`));
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const host = `127.0.0.1:${(upstream.address() as { port: number }).port}`;
    try {
      // Not in the playlist: refused, though it answers.
      expect((await raw(`/live/http/${host}/a/index.m3u8`, auth())).status).toBe(403);
      expect((await raw('/live/ftp/example.com/x', auth())).status).toBe(400);
      publish(origin, { version: 2, assets: { pic: { bytes: image, type: 'image/jpeg' } }, liveUrl: `http://${host}/a/index.m3u8` });
      p.core.syncNow();
      await waitState(p.core, (s) => s.playlist?.version === 2);
      // The version playing now names it: relayed at once, path and query intact, no reload.
      const ok = await raw(`/live/http/${host}/a/index.m3u8?n=3`, auth());
      expect(ok.status).toBe(200);
      expect(ok.headers['content-type']).toBe('application/vnd.apple.mpegurl');
      expect(ok.body.toString()).toBe('#EXTM3U /a/index.m3u8?n=3');
      // The stream of version 1 was dropped by version 2: refused from now on.
      expect((await raw('/live/https/live.example.com/stream/index.m3u8', auth())).status).toBe(403);
    } finally {
      upstream.closeAllConnections();
      await new Promise((r) => upstream.close(r));
    }
  });

  it('validates renderer events and turns a play into a chained record', async () => {
    const bad = await raw('/api/events', { ...auth(), 'content-type': 'application/json' }, 'POST', JSON.stringify({ type: 'play' }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body.toString()).code).toBe('SCHEMA_INVALID');
    const base = { type: 'play', playId: 'play-0001-aaaa', channel: 'lobby', playlistVersion: 1, display: 'main', zone: 'main', itemId: 'show-pic', kind: 'image' };
    const recorded = new Promise((resolve) => p.core.on('recorded', resolve));
    const res = await raw(
      '/api/events',
      { ...auth(), 'content-type': 'application/json' },
      'POST',
      JSON.stringify([
        { ...base, phase: 'start', at: '2026-11-20T08:00:00Z' },
        { ...base, phase: 'end', at: '2026-11-20T08:00:05Z', outcome: 'completed' },
      ]),
    );
    expect(res.status).toBe(202);
    expect(await recorded).toMatchObject({ id: 'play-0001-aaaa', seq: 0, durationMs: 5000, prev: '0'.repeat(64) });
  });
});

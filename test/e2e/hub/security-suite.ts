import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { PNG } from 'pngjs';
import { join } from 'node:path';
import { addUser, FakeDevice, login, op, opJson, publishChannel, simpleDraft, startTestHub, type Backend, type Session, type TestHub } from './helpers.ts';

/**
 * Routes meant to be reached without credentials: pairing (a screen has none yet), sign-in, the hub's
 * settings and API description (the sign-in page needs the first; neither holds a secret), and the
 * Electron update feed (electron-updater sends no credentials; docs/hub.md), and a revoked screen's
 * revocation notice (the screen's token is gone by then; the notice is signed by the hub's key, holds
 * no secret, and any other screen gets 404: docs/protocol.md, "Revocation").
 */
const PUBLIC = new Set(['POST /api/login', 'POST /api/pair', 'GET /api/pair/:id', 'GET /api/settings', 'GET /api/openapi.json', 'GET /updates/:file', 'GET /api/devices/:id/revocation']);

const fill = (path: string) =>
  path
    .replace(':sha', 'a'.repeat(64))
    .replace(':n', '1')
    .replace(':cid', '00000000-0000-4000-8000-000000000000')
    .replace(':file', '00000000-0000-4000-8000-000000000000.png')
    .replace(/:\w+/g, 'dev-x');

export function defineSecuritySuite(backend: Backend): void {
  test.describe('security', () => {
    let t: TestHub;
    let editor: Session;
    let viewer: Session;
    test.beforeAll(async () => {
      t = await startTestHub(backend, { limits: { maxUploadBytes: 64 * 1024 } });
      editor = await addUser(t, 'eddie', 'editor');
      viewer = await addUser(t, 'vera', 'viewer');
    });
    test.afterAll(async () => t?.close());

    test(`${backend}: every endpoint refuses requests without credentials (and with the wrong kind)`, async () => {
      const routes = t.hub.router.list().filter((r) => !PUBLIC.has(`${r.method} ${r.path}`));
      expect(routes.length).toBeGreaterThan(40);
      const d = await FakeDevice.pair(t);
      const { token: opToken } = await opJson<{ token: string }>(t.url, t.admin, 'POST', '/api/tokens', { name: 'x' });
      for (const r of routes) {
        const path = fill(r.path);
        for (const auth of [undefined, 'Bearer pano_dev_forgedforgedforgedforged', 'Bearer garbage-garbage-garbage']) {
          const res = await fetch(`${t.url}${path}`, {
            method: r.method,
            redirect: 'manual',
            headers: { ...(auth ? { authorization: auth } : {}), ...(r.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
            ...(r.method === 'GET' ? {} : { body: '{}' }),
          });
          expect(res.status, `${r.method} ${r.path} with ${auth ?? 'nothing'}`).toBe(401);
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
        }
      }
      // A device token opens no operator endpoint; an operator token is no device token.
      expect((await fetch(`${t.url}/api/devices`, { headers: { authorization: `Bearer ${d.token}` } })).status).toBe(401);
      expect((await op(t.url, opToken, 'POST', `/api/devices/${d.id}/heartbeat`, d.heartbeat())).status).toBe(401);
    });

    test(`${backend}: every response of every route, and of no route, says nosniff`, async () => {
      const d = await FakeDevice.pair(t);
      const requests: { method: string; path: string; headers: Record<string, string> }[] = [];
      for (const r of t.hub.router.list()) {
        const path = fill(r.path);
        requests.push({ method: r.method, path, headers: {} });
        // Signed in (GET only: unsafe calls would change what later tests see), and as a device.
        if (r.method === 'GET') requests.push({ method: r.method, path, headers: { cookie: t.admin.cookie } });
        requests.push({ method: r.method, path: path.replace('dev-x', d.id), headers: { authorization: `Bearer ${d.token}` } });
      }
      requests.push(
        { method: 'GET', path: '/no/such/path', headers: {} },
        { method: 'DELETE', path: '/api/login', headers: {} },
        { method: 'GET', path: '/media/' + 'a'.repeat(64), headers: { cookie: t.admin.cookie, range: 'bytes=abc' } },
        { method: 'GET', path: '//%%', headers: {} },
        { method: 'GET', path: '/feed/dev-other.json', headers: { authorization: `Bearer ${d.token}` } },
      );
      const statuses = new Set<number>();
      for (const q of requests) {
        const res = await fetch(`${t.url}${q.path}`, {
          method: q.method,
          redirect: 'manual',
          headers: { ...q.headers, ...(q.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
          ...(q.method === 'GET' ? {} : { body: '{}' }),
        });
        statuses.add(res.status);
        await res.body?.cancel();
        expect(res.headers.get('x-content-type-options'), `${q.method} ${q.path} → ${res.status}`).toBe('nosniff');
      }
      // Success and refusals of each kind were all looked at.
      for (const s of [200, 400, 401, 403, 404, 405, 422]) expect(statuses, [...statuses].join(',')).toContain(s);
    });

    test(`${backend}: every /media answer is sandboxed; SVG and unidentified uploads are refused`, async () => {
      const image = new PNG({ width: 2, height: 2 });
      const png = PNG.sync.write(image);
      const up = (name: string, body: BodyInit) => fetch(`${t.url}/api/media?name=${name}`, { method: 'POST', headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf }, body });
      const { sha256 } = (await (await up('dot.png', new Blob([new Uint8Array(png)]))).json()) as { sha256: string };
      for (const [name, body] of [['a.svg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], ['a.png', '<svg/>'], ['a.vtt', '<html><script>alert(1)</script>'], ['a.html', '<!doctype html><script>alert(1)</script>']]) {
        expect((await up(name!, body!)).status, name).toBe(415);
      }
      const media = `/media/${sha256}`;
      const cases: [string, Record<string, string>, number, string][] = [
        [media, {}, 401, 'attachment'],
        [media, { cookie: t.admin.cookie }, 200, 'inline'],
        [media, { cookie: t.admin.cookie, 'if-none-match': `"${sha256}"` }, 304, 'inline'],
        [media, { cookie: t.admin.cookie, range: 'bytes=0-3' }, 206, 'inline'],
        [media, { cookie: t.admin.cookie, range: 'bytes=999999-' }, 416, 'inline'],
        [`/media/${'b'.repeat(64)}`, { cookie: t.admin.cookie }, 404, 'attachment'],
        ['/media/..%2Fhub.sqlite', { cookie: t.admin.cookie }, 404, 'attachment'],
      ];
      for (const [path, headers, status, disposition] of cases) {
        const res = await fetch(`${t.url}${path}`, { headers });
        await res.body?.cancel();
        const what = `${path} ${JSON.stringify(headers)}`;
        expect(res.status, what).toBe(status);
        expect(res.headers.get('content-security-policy'), what).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
        expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
        expect(res.headers.get('content-disposition'), what).toBe(disposition);
      }
    });

    test(`${backend}: a device reads only its own playlist and writes only its own reports`, async () => {
      const a = await FakeDevice.pair(t, { channel: 'a-only' });
      const b = await FakeDevice.pair(t, { channel: 'b-only' });
      await publishChannel(t, 'a-only');
      await publishChannel(t, 'b-only');
      expect((await a.get(a.urls.playlistUrl)).status).toBe(200);
      expect((await a.get(b.urls.playlistUrl)).status).toBe(403);
      expect((await a.get(b.urls.pushUrl)).status).toBe(403);
      expect((await a.post(`/api/devices/${b.id}/heartbeat`, b.heartbeat())).status).toBe(403);
      expect((await a.post(`/api/devices/${b.id}/plays`, b.batch([b.record()]))).status).toBe(403);
      expect((await a.post(`/api/devices/${b.id}/events`, { deviceId: b.id, events: [b.interaction()] })).status).toBe(403);
      const { id } = await opJson<{ id: string }>(t.url, t.admin, 'POST', `/api/devices/${b.id}/command`, { name: 'reload' });
      expect((await a.post(`/api/devices/${b.id}/commands/${id}`, { ok: true })).status).toBe(403);
      expect((await a.post(`/api/devices/${a.id}/commands/${id}`, { ok: true })).status).toBe(404);
      // Its own URL but another device's id in the body.
      const spoof = await a.post(`/api/devices/${a.id}/heartbeat`, b.heartbeat());
      expect(spoof.status).toBe(400);
      expect(((await spoof.json()) as { error: { issues: { path: string }[] } }).error.issues[0]!.path).toBe('deviceId');
      const records = await a.post(`/api/devices/${a.id}/plays`, a.batch([{ ...a.record(), deviceId: b.id }]));
      expect(records.status).toBe(400);
      const stored = await t.hub.context.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM heartbeats WHERE device_id = $1', [b.id]);
      expect(stored!.n).toBe(0);
    });

    test(`${backend}: roles: an editor drafts but cannot publish; a viewer cannot draft; CSRF and origin are checked`, async () => {
      expect((await op(t.url, editor, 'PUT', '/api/channels/ed/draft', { draft: simpleDraft('Ed'), submit: true })).status).toBe(200);
      const pub = await op(t.url, editor, 'POST', '/api/channels/ed/publish');
      expect(pub.status).toBe(403);
      expect(((await pub.json()) as { error: { code: string; message: string; params: unknown } }).error).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('publishChannel needs the approver role'),
        params: { needs: 'approver', role: 'editor' },
      });
      expect((await op(t.url, editor, 'POST', '/api/publish', { payloadType: 'x', payload: '', signatures: [{ sig: '' }] })).status).toBe(403);
      expect((await op(t.url, editor, 'POST', '/api/emergency', { title: 'x' })).status).toBe(403);
      expect((await op(t.url, editor, 'POST', '/api/pairings/confirm', { code: 'AAA-AAA', name: 'x' })).status).toBe(403);
      expect((await op(t.url, viewer, 'PUT', '/api/channels/ed/draft', { draft: simpleDraft('Ed') })).status).toBe(403);
      expect((await op(t.url, viewer, 'POST', '/api/users', { username: 'mallory', password: 'xxxxxxxxxxxx', role: 'admin' })).status).toBe(403);
      expect((await opJson<{ version: number }>(t.url, t.admin, 'GET', '/api/channels/ed')).version).toBe(0);

      const noCsrf = await fetch(`${t.url}/api/channels/ed/draft`, { method: 'PUT', headers: { cookie: t.admin.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ draft: simpleDraft('x') }) });
      expect(noCsrf.status).toBe(403);
      expect(((await noCsrf.json()) as { error: { code: string } }).error.code).toBe('CSRF_FAILED');
      const crossSite = await fetch(`${t.url}/api/channels/ed/publish`, { method: 'POST', headers: { cookie: t.admin.cookie, 'x-csrf-token': t.admin.csrf, origin: 'https://evil.example' } });
      expect(crossSite.status).toBe(403);
      expect(((await crossSite.json()) as { error: { code: string } }).error.code).toBe('CROSS_ORIGIN');
    });

    test(`${backend}: injection attempts in filters and names change nothing and are escaped`, async () => {
      for (const q of ["channel=x'%20OR%20'1'='1", 'group=day;DROP%20TABLE%20plays', 'device=a%22%3B--', 'from=2026-01-01%27']) {
        const res = await op(t.url, t.admin, 'GET', `/api/reports/plays?${q}`);
        expect(res.status, q).toBe(422);
        expect(((await res.json()) as { error: { issues: { path: string }[] } }).error.issues.length).toBeGreaterThan(0);
      }
      const name = `<script>alert(1)</script>'; DROP TABLE devices; --`;
      const d = await FakeDevice.pair(t, { name });
      // Stored and answered as data (JSON), never as markup; the studio renders it as text.
      const listed = await op(t.url, t.admin, 'GET', '/api/devices');
      expect(listed.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(((await listed.json()) as { devices: { id: string; name: string }[] }).devices.find((x) => x.id === d.id)?.name).toBe(name);
      expect((await fetch(`${t.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: "admin' --", password: 'x' }) })).status).toBe(401);
      expect((await op(t.url, t.admin, 'PUT', `/api/channels/${encodeURIComponent("x';DROP TABLE channels;--")}/draft`, { draft: simpleDraft('x') })).status).toBe(422);
      expect((await op(t.url, t.admin, 'POST', '/api/media?name=..%2F..%2Fetc%2Fpasswd', undefined)).status).toBe(422);
      expect((await d.get(`/feed/${encodeURIComponent('../../x')}.json`)).status).toBe(403);
    });

    test(`${backend}: oversized bodies and uploads are refused with clear errors and leave nothing behind`, async () => {
      const d = await FakeDevice.pair(t);
      const mediaBefore = (await opJson<{ media: unknown[] }>(t.url, t.admin, 'GET', '/api/media')).media;
      const big = await d.post(`/api/devices/${d.id}/heartbeat`, { ...d.heartbeat(), appVersion: 'x'.repeat(300 * 1024) });
      expect(big.status).toBe(413);
      expect(((await big.json()) as { error: { message: string } }).error.message).toBe('request body exceeds the limit of 262144 bytes');
      const bigDraft = await op(t.url, t.admin, 'PUT', '/api/channels/big/draft', { draft: { ...simpleDraft('big'), title: 'x'.repeat(2 * 1024 * 1024) } });
      expect(bigDraft.status).toBe(413);
      const upload = (body: BodyInit, headers: Record<string, string> = {}) =>
        fetch(`${t.url}/api/media?name=huge.mp4`, { method: 'POST', headers: { cookie: t.admin.cookie, 'x-csrf-token': t.admin.csrf, ...headers }, body, ...({ duplex: 'half' } as object) });
      const declared = await upload(new Blob([new Uint8Array(100 * 1024)]));
      expect(declared.status).toBe(413);
      expect(((await declared.json()) as { error: { message: string } }).error.message).toContain('exceeds the limit of 65536 bytes');
      // Chunked, no Content-Length: counted while streaming.
      const stream = new ReadableStream({
        start(c) {
          for (let i = 0; i < 10; i++) c.enqueue(new Uint8Array(16 * 1024));
          c.close();
        },
      });
      const chunked = await upload(stream);
      expect(chunked.status).toBe(413);
      expect(readdirSync(join(t.dataDir, 'media', 'tmp'))).toEqual([]);
      expect((await opJson<{ media: unknown[] }>(t.url, t.admin, 'GET', '/api/media')).media).toEqual(mediaBefore);
    });

    test(`${backend}: deeply nested or object-stuffed JSON is refused (413) before it is parsed`, async () => {
      const d = await FakeDevice.pair(t);
      const nested = `{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      // 150,000 empty objects: 450 kB, under the 2 MiB play batch and 1 MiB draft caps (a heartbeat's 256 KiB is less).
      const stuffed = `{"x":[${'{},'.repeat(150_000)}{}]}`;
      for (const [body, why, paths] of [
        [nested, 'nested deeper than 64 levels', [`/api/devices/${d.id}/heartbeat`, `/api/devices/${d.id}/plays`]],
        [stuffed, 'more than 100000 objects and arrays', [`/api/devices/${d.id}/plays`]],
      ] as const) {
        for (const path of paths) {
          const res = await d.post(path, body);
          expect(res.status, path).toBe(413);
          const { error } = (await res.json()) as { error: { code: string; message: string } };
          expect(error).toMatchObject({ code: 'TOO_LARGE', message: expect.stringContaining(why) });
        }
        const draft = await fetch(`${t.url}/api/channels/deep/draft`, { method: 'PUT', headers: { cookie: t.admin.cookie, 'x-csrf-token': t.admin.csrf, 'content-type': 'application/json' }, body: `{"draft":${body}}` });
        expect(draft.status).toBe(413);
      }
    });

    test(`${backend}: malformed JSON is answered 400 with the bad paths`, async () => {
      const d = await FakeDevice.pair(t);
      const broken = await d.post(`/api/devices/${d.id}/heartbeat`, '{"id": ');
      expect(broken.status).toBe(400);
      expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('MALFORMED');
      const hb = { ...d.heartbeat(), sentAt: 'yesterday', cache: { ...d.heartbeat().cache, ready: 'yes' }, extra: 1 };
      const bad = await d.post(`/api/devices/${d.id}/heartbeat`, hb);
      expect(bad.status).toBe(400);
      const body = (await bad.json()) as { error: { code: string; issues: { path: string }[] } };
      expect(body.error.code).toBe('SCHEMA_INVALID');
      expect(body.error.issues.map((i) => i.path).sort()).toEqual(['', 'cache.ready', 'sentAt']);
      const wrongType = await fetch(`${t.url}/api/devices/${d.id}/heartbeat`, { method: 'POST', headers: { authorization: `Bearer ${d.token}`, 'content-type': 'text/plain' }, body: '{}' });
      expect(wrongType.status).toBe(415);
    });

    test(`${backend}: sessions: secure cookie flags, failed logins are rate limited`, async () => {
      const res = await fetch(`${t.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ username: 'vera', password: 'correct horse battery' }) });
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Secure/);
      for (let i = 0; i < 5; i++) await expect(login(t.url, 'eddie', 'wrong password!')).rejects.toThrow('HTTP 401');
      await expect(login(t.url, 'eddie', 'correct horse battery')).rejects.toThrow('HTTP 429');
      await login(t.url, 'vera', 'correct horse battery');
    });

    test(`${backend}: a locked-out name stays locked however it is spelt; every spelling counts against the one name`, async () => {
      await opJson(t.url, t.admin, 'POST', '/api/users', { username: 'rita', password: 'correct horse battery', role: 'viewer' });
      // Five failures, each under another spelling (ASCII and Unicode white space, case).
      const spellings = ['rita', ' rita', 'RITA ', '\trita\n', '\u00a0Rita\u3000'];
      for (const name of spellings) await expect(login(t.url, name, 'wrong password!')).rejects.toThrow('HTTP 401');
      // Now locked: the right password under any spelling is refused too.
      for (const name of [...spellings, 'Rita', '\u2003rItA\u2003', '\ufeffrita']) {
        await expect(login(t.url, name, 'correct horse battery'), JSON.stringify(name)).rejects.toThrow('HTTP 429');
      }
      const audit = await opJson<{ entries: { action: string; username: string; detail: string }[] }>(t.url, t.admin, 'GET', '/api/audit');
      const locked = audit.entries.filter((e) => e.action === 'login-locked' && e.username.includes('rita'));
      expect(locked).toEqual([expect.objectContaining({ username: 'rita', detail: expect.stringContaining('5 failed sign-ins') })]);

      // A name created with a spelling of its own is stored, looked up and audited in the one spelling.
      await opJson(t.url, t.admin, 'POST', '/api/users', { username: '  Mia\u00a0', password: 'correct horse battery', role: 'viewer' });
      expect(await t.hub.context.db.all("SELECT username FROM users WHERE lower(username) LIKE '%mia%'")).toEqual([{ username: 'mia' }]);
      await login(t.url, 'MIA', 'correct horse battery');
      const created = await opJson<{ entries: { action: string; detail: string }[] }>(t.url, t.admin, 'GET', '/api/audit');
      expect(created.entries.find((e) => e.action === 'user-create' && e.detail.includes('ia'))?.detail).toBe('mia (viewer)');
    });
  });
}

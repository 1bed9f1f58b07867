import { expect, test } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { serializeEnvelope, signEnvelope } from '../../../playlists/dsse.ts';
import { generateKeyPair, parsePrivateKeyFile, type KeyPair } from '../../../playlists/keys.ts';
import { PAYLOAD_TYPES } from '../../../playlists/schemas/envelope.ts';
import type { PlayRecord } from '../../../playlists/schemas/reports.ts';

/** /api/reports/plays: rows by group with counts per outcome, and the reasons plays did not complete. */
type Grouped = { rows: Record<string, unknown>[]; reasons: { outcome: string; reason: string | null; plays: number }[] };
import { Playlist } from '../../../playlists/schemas/playlist.ts';
import { verifyPlaylist, verifyRootSelf } from '../../../playlists/trust.ts';
import { FakeDevice, op, opJson, openPush, publishChannel, simpleDraft, startTestHub, type Backend, type TestHub } from './helpers.ts';
import { defineChainTests } from './api-chain.ts';
import { defineChainPropertyTests } from './api-chain-property.ts';
import { defineFreshnessTests } from './api-freshness.ts';
import { defineOnlineTests } from './api-online.ts';
import { definePushTests, defineRestartTests } from './api-push.ts';
import { defineUpdateTests } from './api-updates.ts';
import { makeVideo } from './media.ts';
import { defineAccountTests, defineTokenExpiryTests } from './api-accounts.ts';
import { defineFleetTests } from './api-fleet.ts';
import { defineFleetOpsTests } from './api-fleet-ops.ts';
import { defineAlertApiTests } from './api-alerts.ts';
import { defineMediaTests } from './api-media.ts';

const run = promisify(execFile);
const REPO = join(import.meta.dirname, '..', '..', '..');

/** The hub's API, end to end over HTTP; the same tests run against SQLite and PostgreSQL. */
export function defineApiSuite(backend: Backend): void {
  defineOnlineTests(backend);
  defineAlertApiTests(backend);
  defineRestartTests(backend);
  defineTokenExpiryTests(backend);
  test.describe('api', () => {
  let t: TestHub;
  test.beforeAll(async () => {
    t = await startTestHub(backend);
  });
  test.afterAll(async () => {
    await t?.close();
  });
  defineUpdateTests(backend, () => t);
  defineChainTests(backend, () => t);
  defineChainPropertyTests(backend, () => t);
  defineFreshnessTests(backend, () => t);
  definePushTests(backend, () => t);
  defineAccountTests(backend, () => t);
  defineMediaTests(backend, () => t);
  defineFleetTests(backend, () => t);
  defineFleetOpsTests(backend, () => t);

  test(`${backend}: pairing gives a token, the root and URLs; revoking stops the device at once`, async () => {
    const d = await FakeDevice.pair(t, { tags: ['airport'], timeZone: 'Asia/Bangkok', displays: [{ id: 'main', orientation: 'portrait', touch: true }] });
    expect(d.token).toMatch(/^pano_dev_/);
    expect(d.urls.playlistUrl).toBe(`${t.url}/feed/${d.id}.json`);
    expect((d.urls as unknown as { tags: string[] }).tags).toEqual(['airport']);
    const root = verifyRootSelf(d.urls.root).value;
    expect(root.version).toBe(1);
    const detail = await opJson<{ device: { timeZone: string; tags: string[]; displays: unknown[] } }>(t.url, t.admin, 'GET', `/api/devices/${d.id}`);
    expect(detail.device).toMatchObject({ timeZone: 'Asia/Bangkok', tags: ['airport'], displays: [{ id: 'main', orientation: 'portrait', touch: true }] });

    const push = await openPush(d);
    expect((await d.post(`/api/devices/${d.id}/heartbeat`, d.heartbeat())).status).toBe(200);
    await opJson(t.url, t.admin, 'POST', `/api/devices/${d.id}/revoke`);
    await push.closed; // the open stream ends at once
    expect((await d.post(`/api/devices/${d.id}/heartbeat`, d.heartbeat())).status).toBe(401);
    expect((await d.get(d.urls.playlistUrl)).status).toBe(401);
  });

  test(`${backend}: a root rotation signed by the old root keys is stored and served beside the playlist; others are refused`, async () => {
    const demoRoot = parsePrivateKeyFile(readFileSync(join(t.dataDir, 'keys', 'DEMO-root.key'), 'utf8'));
    const current = verifyRootSelf(await (await op(t.url, t.admin, 'GET', '/feed/root/1.json')).text()).value;
    const next = { ...current, version: 2 };
    const envelope = (signers: KeyPair[]) => serializeEnvelope(signEnvelope(PAYLOAD_TYPES.root, new TextEncoder().encode(JSON.stringify(next)), signers));
    const post = (body: string) => fetch(`${t.url}/api/roots`, { method: 'POST', headers: { cookie: t.admin.cookie, 'x-csrf-token': t.admin.csrf, 'content-type': 'application/json' }, body });
    const forged = await post(envelope([generateKeyPair()]));
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('SIGNATURE_INVALID');
    expect((await post(envelope([demoRoot]))).status).toBe(201);
    const d = await FakeDevice.pair(t);
    expect(verifyRootSelf(await (await d.get(new URL('root/2.json', d.urls.playlistUrl).href)).text()).value.version).toBe(2);
    expect(verifyRootSelf(d.urls.root).value.version).toBe(2);
  });

  test(`${backend}: an unknown or expired code is refused with a clear message`, async () => {
    const res = await op(t.url, t.admin, 'POST', '/api/pairings/confirm', { code: 'AAA-AAA', name: 'x' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('no screen is waiting with code AAA-AAA');
  });

  test(`${backend}: publish signs with the hub key and bumps the version; ETag and 304; root beside the playlist`, async () => {
    const d = await FakeDevice.pair(t, { channel: 'lobby' });
    expect(await publishChannel(t, 'lobby')).toBe(1);
    expect(await publishChannel(t, 'lobby', simpleDraft('Lobby two'))).toBe(2);
    const res = await d.get(d.urls.playlistUrl);
    expect(res.status).toBe(200);
    const etag = res.headers.get('etag')!;
    const text = await res.text();
    const rootRes = await d.get(new URL('root/1.json', d.urls.playlistUrl).href);
    expect(rootRes.status).toBe(200);
    const root = verifyRootSelf(await rootRes.text()).value;
    const verified = verifyPlaylist(text, { root, now: new Date(), payloadSchema: Playlist });
    expect(verified.value).toMatchObject({ channel: 'lobby', version: 2, title: 'Lobby two' });
    expect((await d.get(d.urls.playlistUrl, { 'if-none-match': etag })).status).toBe(304);
    expect((await d.get(new URL('root/99.json', d.urls.playlistUrl).href)).status).toBe(404);
    const audit = await opJson<{ entries: { action: string; username: string; detail: string }[] }>(t.url, t.admin, 'GET', '/api/audit');
    expect(audit.entries.find((e) => e.action === 'publish' && e.detail.startsWith('channel lobby v2'))?.username).toBe('admin');
  });

  test(`${backend}: a draft with bad paths is refused and lists every one`, async () => {
    const draft = simpleDraft('Bad') as Record<string, any>;
    draft.items.hello.duration = -1;
    draft.sequences.main.items = ['missing'];
    draft.assets.clip = { sha256: 'f'.repeat(64) };
    const res = await op(t.url, t.admin, 'PUT', '/api/channels/bad/draft', { draft });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; issues: { path: string; code: string; params: Record<string, unknown> }[] } };
    expect(body.error.code).toBe('SCHEMA_INVALID');
    // Machine codes and parameters for the studio to word in the user's language, not only English.
    expect(body.error.issues).toContainEqual(expect.objectContaining({ path: 'assets.clip.sha256', code: 'custom', params: { rule: 'unknownMedia', id: 'clip' } }));
  });

  test(`${backend}: media upload hashes, de-duplicates, probes, warns, and serves Range`, async () => {
    const clip = makeVideo('libx264');
    const up = async (bytes: Buffer, name: string) =>
      fetch(`${t.url}/api/media?name=${name}`, { method: 'POST', headers: { cookie: t.admin.cookie, 'x-csrf-token': t.admin.csrf, 'content-type': 'video/mp4' }, body: new Blob([new Uint8Array(bytes)]) });
    const a = (await (await up(clip, 'clip.mp4')).json()) as Record<string, any>;
    expect(a).toMatchObject({ size: clip.length, type: 'video/mp4', width: 320, height: 240, codec: 'h264', warning: null, deduplicated: false });
    expect(a.durationSec).toBeCloseTo(1, 0);
    const again = (await (await up(clip, 'copy.mp4')).json()) as Record<string, any>;
    expect(again).toMatchObject({ sha256: a.sha256, deduplicated: true });
    const old = (await (await up(makeVideo('mpeg4'), 'old.mp4')).json()) as Record<string, any>;
    expect(old.warning).toContain('mpeg4');
    const bad = await up(Buffer.from('MZ not a video'), 'virus.exe');
    expect(bad.status).toBe(415);

    // A channel using the clip: the hub fills size, type and URL; the device fetches it with Range.
    const d = await FakeDevice.pair(t, { channel: 'video' });
    const draft = simpleDraft('Video') as Record<string, any>;
    draft.assets.clip = { sha256: a.sha256 };
    draft.items.clip = { kind: 'video', asset: 'clip' };
    draft.sequences.main.items.push('clip');
    await publishChannel(t, 'video', draft);
    const pl = await (await d.get(d.urls.playlistUrl)).text();
    const payload = JSON.parse(Buffer.from(JSON.parse(pl).payload, 'base64').toString()) as { assets: Record<string, { urls: string[]; size: number }> };
    expect(payload.assets.clip!.size).toBe(clip.length);
    const mediaUrl = new URL(payload.assets.clip!.urls[0]!, d.urls.playlistUrl).href;
    const part = await d.get(mediaUrl, { range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 10-19/${clip.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(clip.subarray(10, 20));
    expect((await d.get(mediaUrl, { range: `bytes=${clip.length + 5}-` })).status).toBe(416);
    expect((await fetch(mediaUrl)).status).toBe(401);
  });

  test(`${backend}: each play's outcome, reason and display reach the reports; a screen that skips gets a warning`, async () => {
    const d = await FakeDevice.pair(t);
    const now = Date.now();
    const at = (minutesAgo: number, over: Partial<PlayRecord>) => d.record({ startedAt: new Date(now - minutesAgo * 60_000).toISOString(), endedAt: new Date(now - minutesAgo * 60_000 + 5_000).toISOString(), durationMs: 5_000, ...over });
    const stalled = 'STALLED: not ready within 5 s';
    const recs = [
      at(30, { display: 'main', itemId: 'promo' }),
      at(29, { display: 'kiosk', itemId: 'promo', outcome: 'skipped', reason: stalled }),
      at(28, { display: 'kiosk', itemId: 'film', outcome: 'skipped', reason: stalled }),
      at(27, { display: 'main', itemId: 'promo', outcome: 'interrupted', reason: 'schedule change' }),
      at(26, { display: 'kiosk', itemId: 'film', outcome: 'error', reason: 'PLAYBACK_FAILED: MEDIA_ERR_DECODE' }),
      // Older than a day: in the reports, not in the warning.
      at(25 * 60, { display: 'kiosk', itemId: 'film', outcome: 'skipped', reason: stalled }),
    ];
    await d.post(`/api/devices/${d.id}/plays`, d.batch(recs));
    const byDisplay = await opJson<Grouped>(t.url, t.admin, 'GET', `/api/reports/plays?device=${d.id}&group=display`);
    expect(byDisplay.rows).toEqual([
      { key: 'kiosk', plays: 4, completed: 0, interrupted: 0, skipped: 3, errors: 1, seconds: 20 },
      { key: 'main', plays: 2, completed: 1, interrupted: 1, skipped: 0, errors: 0, seconds: 10 },
    ]);
    expect(byDisplay.reasons).toEqual([
      { outcome: 'skipped', reason: stalled, plays: 3 },
      { outcome: 'error', reason: 'PLAYBACK_FAILED: MEDIA_ERR_DECODE', plays: 1 },
      { outcome: 'interrupted', reason: 'schedule change', plays: 1 },
    ]);
    const kioskOnly = await opJson<Grouped>(t.url, t.admin, 'GET', `/api/reports/plays?device=${d.id}&display=kiosk&outcome=skipped&group=item`);
    expect(kioskOnly.rows.map((r) => [r.key, r.plays])).toEqual([['film', 2], ['promo', 1]]);
    const csv = await (await op(t.url, t.admin, 'GET', `/api/reports/plays.csv?device=${d.id}`)).text();
    expect(csv).toContain(`,${d.id},kiosk,lobby,film,skipped,${stalled},`);
    expect(csv).toContain(`,${d.id},kiosk,lobby,film,error,PLAYBACK_FAILED: MEDIA_ERR_DECODE,1,5`);

    const { device } = await opJson<{ device: { playback: Record<string, unknown> } }>(t.url, t.admin, 'GET', `/api/devices/${d.id}`);
    expect(device.playback).toMatchObject({ plays: 5, skipped: 2, errors: 1, warning: true, lastProblem: { display: 'kiosk', itemId: 'film', outcome: 'error', reason: 'PLAYBACK_FAILED: MEDIA_ERR_DECODE' } });
    const { devices } = await opJson<{ devices: { id: string; playback: { warning: boolean; plays: number } }[] }>(t.url, t.admin, 'GET', '/api/devices');
    expect(devices.find((x) => x.id === d.id)!.playback).toMatchObject({ warning: true, plays: 5 });
    // A screen that plays everything has no warning.
    const calm = await FakeDevice.pair(t);
    await calm.post(`/api/devices/${calm.id}/plays`, calm.batch([calm.record({ startedAt: new Date(now - 60_000).toISOString(), endedAt: new Date(now - 50_000).toISOString() })]));
    expect((await opJson<{ device: { playback: { warning: boolean; plays: number } } }>(t.url, t.admin, 'GET', `/api/devices/${calm.id}`)).device.playback).toMatchObject({ warning: false, plays: 1 });
  });

  test(`${backend}: heartbeats are stored once, show in the fleet, and carry queued commands`, async () => {
    const d = await FakeDevice.pair(t);
    const cmd = await opJson<{ id: string }>(t.url, t.admin, 'POST', `/api/devices/${d.id}/command`, { name: 'reload' });
    const hb = d.heartbeat();
    const ack = (await (await d.post(`/api/devices/${d.id}/heartbeat`, hb)).json()) as { serverTime: string; commands: { id: string; name: string }[] };
    expect(ack.commands).toEqual([expect.objectContaining({ id: cmd.id, name: 'reload' })]);
    // Not answered yet: the next ack carries it again (issue 17); the screen's answer ends that.
    const again = (await (await d.post(`/api/devices/${d.id}/heartbeat`, hb)).json()) as typeof ack;
    expect(again.commands).toEqual([expect.objectContaining({ id: cmd.id, name: 'reload' })]);
    expect((await d.post(`/api/devices/${d.id}/commands/${cmd.id}`, { ok: true })).status).toBe(200);
    expect(((await (await d.post(`/api/devices/${d.id}/heartbeat`, hb)).json()) as typeof ack).commands).toEqual([]);
    expect(Math.abs(Date.parse(again.serverTime) - Date.now())).toBeLessThan(5_000);
    const { devices } = await opJson<{ devices: { id: string; online: boolean; heartbeat: { nowPlaying: { itemId: string }[] } }[] }>(t.url, t.admin, 'GET', '/api/devices');
    const mine = devices.find((x) => x.id === d.id)!;
    expect(mine.online).toBe(true);
    expect(mine.heartbeat.nowPlaying[0]!.itemId).toBe('hello');
    const rows = await t.hub.context.db.all<{ n: number }>('SELECT COUNT(*) AS n FROM heartbeats WHERE device_id = $1', [d.id]);
    expect(rows[0]!.n).toBe(1);
  });

  test(`${backend}: proof-of-play report and CSV; interaction statistics`, async () => {
    const d = await FakeDevice.pair(t);
    const recs = [d.record({ channel: 'promo', itemId: 'ocop' }), d.record({ channel: 'promo', itemId: 'ocop' }), d.record({ channel: 'promo', itemId: 'coast', outcome: 'skipped' })];
    await d.post(`/api/devices/${d.id}/plays`, d.batch(recs));
    const grouped = await opJson<Grouped>(t.url, t.admin, 'GET', `/api/reports/plays?device=${d.id}&group=item`);
    expect(grouped.rows).toEqual([
      { key: 'coast', plays: 1, completed: 0, interrupted: 0, skipped: 1, errors: 0, seconds: 10 },
      { key: 'ocop', plays: 2, completed: 2, interrupted: 0, skipped: 0, errors: 0, seconds: 20 },
    ]);
    expect(grouped.reasons).toEqual([{ outcome: 'skipped', reason: null, plays: 1 }]);
    const csv = await (await op(t.url, t.admin, 'GET', `/api/reports/plays.csv?device=${d.id}&from=2026-11-20&to=2026-11-20`)).text();
    expect(csv.trim().split('\r\n')).toEqual([
      'day,device,display,channel,item,outcome,reason,plays,seconds',
      `2026-11-20,${d.id},main,promo,coast,skipped,,1,10`,
      `2026-11-20,${d.id},main,promo,ocop,completed,,2,20`,
    ]);

    const events = [d.interaction(), d.interaction({ action: 'language', language: 'en', section: undefined })];
    const ack = (await (await d.post(`/api/devices/${d.id}/events`, { deviceId: d.id, events })).json()) as { accepted: string[] };
    expect(ack.accepted).toEqual(events.map((e) => e.id));
    await d.post(`/api/devices/${d.id}/events`, { deviceId: d.id, events });
    const stats = await opJson<{ byAction: { action: string; n: number }[] }>(t.url, t.admin, 'GET', `/api/reports/interactions?device=${d.id}`);
    expect(stats.byAction.sort((a, b) => a.action.localeCompare(b.action))).toEqual([
      { action: 'language', n: 1 },
      { action: 'section', n: 1 },
    ]);
  });

  test(`${backend}: push delivers playlist and command events; screenshot results come back`, async () => {
    const d = await FakeDevice.pair(t, { channel: 'pushy' });
    await publishChannel(t, 'pushy');
    const push = await openPush(d);
    expect((await push.next((e) => e.event === 'playlist')).data).toEqual({ channel: 'pushy', version: 1 });
    await publishChannel(t, 'pushy');
    expect((await push.next((e) => e.event === 'playlist')).data).toEqual({ channel: 'pushy', version: 2 });
    const { id } = await opJson<{ id: string }>(t.url, t.admin, 'POST', `/api/devices/${d.id}/command`, { name: 'screenshot' });
    expect((await push.next((e) => e.event === 'command')).data).toMatchObject({ id, name: 'screenshot' });
    await push.next((e) => e.event === 'comment'); // keep-alive
    const image = new PNG({ width: 4, height: 4 });
    image.data.fill(200);
    const realPng = PNG.sync.write(image);
    expect((await d.post(`/api/devices/${d.id}/commands/${id}`, realPng, { 'content-type': 'image/png' })).status).toBe(200);
    const detail = await opJson<{ device: { screenshot: { url: string } } }>(t.url, t.admin, 'GET', `/api/devices/${d.id}`);
    const shot = await op(t.url, t.admin, 'GET', detail.device.screenshot.url);
    expect(shot.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await shot.arrayBuffer())).toEqual(realPng);
    push.close();
  });

  test(`${backend}: emergency takeover is pushed to targets and ends back on their channel`, async () => {
    const a = await FakeDevice.pair(t, { channel: 'calm' });
    const b = await FakeDevice.pair(t, { channel: 'calm' });
    await publishChannel(t, 'calm');
    const pa = await openPush(a);
    const pb = await openPush(b);
    await pa.next((e) => e.event === 'playlist');
    await pb.next((e) => e.event === 'playlist');
    const clicked = Date.now();
    const { version } = await opJson<{ version: number }>(t.url, t.admin, 'POST', '/api/emergency', { title: 'Bão số 9', titleEn: 'Typhoon No. 9', icon: 'storm', devices: [a.id] });
    expect((await pa.next((e) => e.event === 'playlist')).data).toEqual({ channel: 'emergency', version });
    expect(Date.now() - clicked).toBeLessThan(2_000);
    const pl = JSON.parse(await (await a.get(a.urls.playlistUrl)).text()) as { payload: string };
    expect(JSON.parse(Buffer.from(pl.payload, 'base64').toString())).toMatchObject({
      channel: 'emergency',
      audience: { devices: [a.id] },
      items: { notice: { template: 'emergency', fields: { icon: 'storm', vi: { title: 'Bão số 9' }, en: { title: 'Typhoon No. 9' } } } },
      schedule: { entries: [{ interrupt: true }] },
    });
    const other = JSON.parse(await (await b.get(b.urls.playlistUrl)).text()) as { payload: string };
    expect(JSON.parse(Buffer.from(other.payload, 'base64').toString()).channel).toBe('calm');
    await opJson(t.url, t.admin, 'DELETE', '/api/emergency');
    expect((await pa.next((e) => e.event === 'playlist')).data).toEqual({ channel: 'calm', version: 1 });
    pa.close();
    pb.close();
  });

  test(`${backend}: pano publish uploads an envelope signed offline; older versions are refused`, async () => {
    const key = parsePrivateKeyFile(readFileSync(join(t.dataDir, 'keys', 'publisher.key'), 'utf8'));
    const { token } = await opJson<{ token: string }>(t.url, t.admin, 'POST', '/api/tokens', { name: 'cli' });
    const dir = mkdtempSync(join(tmpdir(), 'pano-pub-'));
    const sign = (version: number) => {
      const playlist = { schemaVersion: 1, channel: 'offline', version, issuedAt: new Date(Date.now() - 60_000).toISOString(), expiresAt: new Date(Date.now() + 86_400_000).toISOString(), ...simpleDraft('Offline') };
      const file = join(dir, `v${version}.json`);
      writeFileSync(file, serializeEnvelope(signEnvelope(PAYLOAD_TYPES.playlist, new TextEncoder().encode(JSON.stringify(playlist)), [key])));
      return file;
    };
    const pano = (...args: string[]) => run(process.execPath, [join(REPO, 'cli', 'pano.js'), 'publish', ...args]).then(
      (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
    );
    const ok = await pano(sign(5), '--hub', t.url, '--token', token);
    expect(ok).toMatchObject({ code: 0, out: 'Published offline v5\n' });
    const older = await pano(sign(4), '--hub', t.url, '--token', token);
    expect(older.code).toBe(1);
    expect(older.err).toContain('ROLLBACK');
    const noToken = await pano(sign(6), '--hub', t.url, '--token', 'pano_op_wrongwrongwrongwrong');
    expect(noToken.err).toContain('HTTP 401');
    const row = await opJson<{ version: number }>(t.url, t.admin, 'GET', '/api/channels/offline');
    expect(row.version).toBe(5);

    // pano hub export: the same files, served as plain files, verify as the screen would.
    const clip = makeVideo('libx264');
    const media = (await (await fetch(`${t.url}/api/media?name=e.mp4`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new Blob([new Uint8Array(clip)]) })).json()) as { sha256: string };
    const draft = simpleDraft('Video') as Record<string, any>;
    draft.assets.clip = { sha256: media.sha256 };
    draft.items.clip = { kind: 'video', asset: 'clip' };
    draft.sequences.main.items.push('clip');
    await publishChannel(t, 'video', draft);
    const out = join(dir, 'export');
    // The media stay in the data folder on both backends; PostgreSQL holds everything else.
    const database = t.databaseUrl ? ['--database', t.databaseUrl] : [];
    expect(database.length > 0).toBe(backend === 'postgres');
    const exp = await run(process.execPath, [join(REPO, 'cli', 'pano.js'), 'hub', 'export', '--out', out, '--data', t.dataDir, ...database]);
    expect(exp.stdout).toContain('feed/offline.json  offline v5');
    const root = verifyRootSelf(readFileSync(join(out, 'feed', 'root', '1.json'))).value;
    const verified = verifyPlaylist(readFileSync(join(out, 'feed', 'offline.json')), { root, now: new Date(), payloadSchema: Playlist });
    expect(verified.value.version).toBe(5);
    const video = JSON.parse(readFileSync(join(out, 'feed', 'video.json'), 'utf8')) as { payload: string };
    const assets = Object.values((JSON.parse(Buffer.from(video.payload, 'base64').toString()) as { assets: Record<string, { sha256: string }> }).assets);
    expect(assets.length).toBe(1);
    for (const a of assets) expect(readFileSync(join(out, 'media', a.sha256))).toEqual(clip);
    rmSync(dir, { recursive: true, force: true });
  });
  });
}

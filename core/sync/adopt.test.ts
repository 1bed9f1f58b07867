import { createHash, randomBytes } from 'node:crypto';
import { readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOrigin, type Origin } from '../../test/fixtures/core-origin.ts';
import { pinMtime, rot } from '../../test/fixtures/bit-rot.ts';
import { systemClock } from '../util/clock.ts';
import { next, publish, waitState, startPlayer, type Started } from '../../test/fixtures/core-harness.ts';

let origin: Origin;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const started: Started[] = [];
beforeEach(async () => {
  origin = await startOrigin();
});
afterEach(async () => {
  for (const s of started.splice(0)) await s.cleanup();
  await origin.close();
});
const start = async (...args: Parameters<typeof startPlayer> extends [unknown, ...infer R] ? R : never) => {
  const s = await startPlayer(origin, ...args);
  started.push(s);
  return s;
};

describe('sync and adopt', () => {
  it('verifies, caches every asset, then adopts and serves the files', async () => {
    const a = randomBytes(50_000);
    const b = randomBytes(70_000);
    publish(origin, { version: 3, assets: { a: { bytes: a }, b: { bytes: b } } });
    const p = await start();
    const state = await waitState(p.core, (s) => s.phase === 'ready');
    expect(state.playlist?.version).toBe(3);
    expect(state.progress).toEqual({ assetsReady: 2, assetsTotal: 2, bytesDone: 120_000, bytesTotal: 120_000 });
    const res = await fetch(`${p.api}${state.media.a}`, { headers: { authorization: `Bearer ${p.token}` } });
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(a)).toBe(true);
  });
});

describe('conditional poll', () => {
  it('asks again with If-None-Match, gets 304, and verifies and adopts nothing anew', async () => {
    const a = randomBytes(4000);
    publish(origin, { version: 2, assets: { a: { bytes: a } } });
    const p = await start();
    await waitState(p.core, (s) => s.playlist?.version === 2);
    await p.core.idle();
    const polls = () => origin.log.filter((l) => l.path === '/c/playlist.json');
    expect(polls()).toHaveLength(1);
    expect(polls()[0]!.headers['if-none-match']).toBeUndefined();
    const before = { requests: origin.log.length, state: p.core.state() };
    let adopted = 0;
    p.core.on('adopted', () => adopted++);
    // The origin's strong ETag for the envelope (core-origin.ts: first 16 hex of its sha256).
    const etag = `"${sha(origin.files.get('/c/playlist.json')!.bytes).slice(0, 16)}"`;
    const answered = next(p.core, 'state', () => polls().length === 2 && polls()[1]!.status !== 0);
    p.core.syncNow();
    await answered;
    await p.core.idle();
    expect(polls()[1]).toMatchObject({ headers: { 'if-none-match': etag }, status: 304 });
    // Nothing else was asked for: no root rotation check, no media; no adoption.
    expect(origin.log.slice(before.requests).map((l) => l.path)).toEqual(['/c/playlist.json']);
    expect(adopted).toBe(0);
    expect(p.core.state().playlist).toEqual(before.state.playlist);
  });
});

describe('staged adoption, offline start, cache integrity', () => {
  it('keeps playing the old playlist until every new asset is verified', async () => {
    publish(origin, { version: 1, assets: { a: { bytes: randomBytes(1000) } } });
    const p = await start();
    await waitState(p.core, (s) => s.playlist?.version === 1);
    const b = randomBytes(5000);
    publish(origin, { version: 2, assets: { a: { bytes: randomBytes(1000) }, b: { bytes: b } } });
    // b fails for good (every retry answers 500): v2 must never be adopted.
    origin.fault('/c/media/b', ...Array.from({ length: 10 }, () => ({ kind: 'status' as const, status: 500 })));
    const failed = new Promise((r) => p.core.on('error', (e) => e.message.includes('/c/media/b') && r(e)));
    p.core.syncNow();
    await failed;
    await p.core.idle();
    expect(p.core.state().playlist?.version).toBe(1);
    expect((await p.core.status()).pending).toMatchObject({ version: 2 });
    origin.faults.clear();
    p.core.syncNow();
    await waitState(p.core, (s) => s.playlist?.version === 2);
  });

  it('starts offline from the cache without waiting for the network', async () => {
    publish(origin, { version: 4, assets: { a: { bytes: randomBytes(2000) } } });
    const first = await start();
    await waitState(first.core, (s) => s.playlist?.version === 4);
    await first.core.stop();
    // The origin now hangs forever: a restart must not wait for it.
    origin.fault('/c/playlist.json', { kind: 'hang' });
    const again = await startPlayer(origin, { idleTimeoutMs: 60_000 }, { dataDir: first.dataDir });
    started.push(again);
    expect(again.core.state().phase).toBe('ready');
    expect(again.core.state().playlist?.version).toBe(4);
  });

  it('detects a cached file changed on disk before serving it, and fetches it again', async () => {
    const a = randomBytes(3000);
    publish(origin, { version: 1, assets: { a: { bytes: a } } });
    const first = await start();
    await waitState(first.core, (s) => s.phase === 'ready');
    const url = first.core.state().media.a!;
    await first.core.stop();
    const file = join(first.dataDir, 'cache', 'objects', url.slice('/media/'.length));
    const rotten = Buffer.from(a);
    rotten[10] = rotten[10]! ^ 0xff;
    await writeFile(file, rotten);
    const again = await startPlayer(origin, {}, { dataDir: first.dataDir });
    started.push(again);
    const get = () => fetch(`${again.api}${url}`, { headers: { authorization: `Bearer ${again.token}` } });
    // The background check or the first request finds the change: the rotten bytes are never served.
    const adopted = next(again.core, 'adopted');
    const res = await get();
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(rotten)).toBe(false);
    if (res.status === 404) await adopted;
    else expect(body.equals(a)).toBe(true);
    const fixed = await get();
    expect(Buffer.from(await fixed.arrayBuffer()).equals(a)).toBe(true);
    expect(origin.requests('/c/media/a')).toBe(2);
  });

  it('bit rot in a running player (stat unchanged): the next GET is cut short, never complete, and the file is fetched anew', async () => {
    const a = randomBytes(300_000);
    publish(origin, { version: 1, assets: { a: { bytes: a } } });
    const p = await start();
    const url = (await waitState(p.core, (s) => s.phase === 'ready')).media.a!;
    const file = join(p.dataDir, 'cache', 'objects', sha(a));
    const get = (headers: Record<string, string> = {}) => fetch(`${p.api}${url}`, { headers: { authorization: `Bearer ${p.token}`, ...headers } });
    await pinMtime(file);
    // A good read records the pinned stat as hashed: from here on the stat alone would say "unchanged".
    expect(Buffer.from(await (await get()).arrayBuffer()).equals(a)).toBe(true);
    await rot(file);
    const detected = next(p.core, 'error', (e) => e.code === 'HASH_MISMATCH');
    const repaired = next(p.core, 'adopted');
    const res = await get();
    // Headers went out before the hash was known; the body must then fail short of Content-Length.
    expect(res.headers.get('content-length')).toBe(String(a.length));
    await expect(res.arrayBuffer()).rejects.toThrow();
    await detected;
    await repaired;
    expect(origin.requests('/c/media/a')).toBe(2);
    expect(Buffer.from(await (await get()).arrayBuffer()).equals(a)).toBe(true);
    // `bytes=0-` (a <video>'s first request) covers the whole file: it is hashed and cut the same way.
    await pinMtime(file);
    expect(Buffer.from(await (await get()).arrayBuffer()).equals(a)).toBe(true);
    await rot(file);
    const again = next(p.core, 'adopted');
    const ranged = await get({ range: 'bytes=0-' });
    expect(ranged.status).toBe(206);
    await expect(ranged.arrayBuffer()).rejects.toThrow();
    await again;
    expect(origin.requests('/c/media/a')).toBe(3);
  });

  it('serves a partial range only from a whole-file hash younger than cacheReverifyMs', async () => {
    const a = randomBytes(100_000);
    publish(origin, { version: 1, assets: { a: { bytes: a } } });
    let offset = 0;
    const clock = { ...systemClock, now: () => Date.now() + offset };
    const p = await start({ cacheReverifyMs: 3_600_000 }, { clock });
    const url = (await waitState(p.core, (s) => s.phase === 'ready')).media.a!;
    const file = join(p.dataDir, 'cache', 'objects', sha(a));
    const range = () => fetch(`${p.api}${url}`, { headers: { authorization: `Bearer ${p.token}`, range: 'bytes=1000-1999' } });
    await pinMtime(file);
    expect((await range()).status).toBe(206);
    await rot(file, 1500);
    // Within the hour the last whole-file hash stands (the documented window: ranges cannot be hashed alone).
    expect((await range()).status).toBe(206);
    const repaired = next(p.core, 'adopted');
    offset += 3_600_001;
    // Past it, the whole file is hashed before the range: the rot is found, nothing is served, the file comes anew.
    expect((await range()).status).toBe(404);
    await repaired;
    expect(origin.requests('/c/media/a')).toBe(2);
    const fresh = await range();
    expect(fresh.status).toBe(206);
    expect(Buffer.from(await fresh.arrayBuffer()).equals(a.subarray(1000, 2000))).toBe(true);
  });

  it('evicts least-recently-used files but never those of the current or incoming playlist', async () => {
    const [a, b, c] = [randomBytes(40_000), randomBytes(40_000), randomBytes(40_000)];
    publish(origin, { version: 1, assets: { a: { bytes: a }, b: { bytes: b } } });
    const p = await start({ cacheQuotaBytes: 100_000 });
    await waitState(p.core, (s) => s.playlist?.version === 1);
    // v2 needs b and c: a (only in the old playlist... which is still current) cannot go, so c does not fit.
    publish(origin, { version: 2, assets: { b: { bytes: b }, c: { bytes: c } } });
    const full = new Promise((r) => p.core.on('error', (e) => e.code === 'CACHE_FULL' && r(e)));
    p.core.syncNow();
    await full;
    await p.core.idle();
    expect(p.core.state().playlist?.version).toBe(1);
    // With room for three files the new one is adopted; then v3 evicts a (no longer current or incoming).
    await p.core.stop();
    const bigger = await startPlayer(origin, { cacheQuotaBytes: 120_000 }, { dataDir: p.dataDir });
    started.push(bigger);
    await waitState(bigger.core, (s) => s.playlist?.version === 2);
    const d = randomBytes(40_000);
    publish(origin, { version: 3, assets: { c: { bytes: c }, d: { bytes: d } } });
    bigger.core.syncNow();
    await waitState(bigger.core, (s) => s.playlist?.version === 3);
    const objects = await readdir(join(p.dataDir, 'cache', 'objects'));
    expect(objects).not.toContain(sha(a));
    expect(objects).toContain(sha(c));
    expect(objects).toContain(sha(d));
  });

  it('mirrors an HLS VOD stream so its relative URLs resolve offline', async () => {
    const seg0 = randomBytes(3000);
    const seg1 = randomBytes(3000);
    const variant = Buffer.from('#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nseg0.ts\n#EXTINF:2,\nseg1.ts\n#EXT-X-ENDLIST\n');
    const master = Buffer.from('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nv/index.m3u8\n');
    publish(origin, {
      version: 1,
      assets: {
        clip: {
          bytes: master,
          type: 'application/vnd.apple.mpegurl',
          url: 'media/hls/master.m3u8',
          files: [
            { path: 'v/index.m3u8', bytes: variant },
            { path: 'v/seg0.ts', bytes: seg0 },
            { path: 'v/seg1.ts', bytes: seg1 },
          ],
        },
      },
    });
    origin.put('/c/media/hls/master.m3u8', master);
    for (const [path, bytes] of [['v/index.m3u8', variant], ['v/seg0.ts', seg0], ['v/seg1.ts', seg1]] as const) origin.put(`/c/media/hls/${path}`, bytes);
    const p = await start();
    const s = await waitState(p.core, (x) => x.phase === 'ready');
    expect(s.media.clip).toBe(`/media/${sha(master)}/master.m3u8`);
    await origin.close();
    origin = await startOrigin();
    const get = (path: string) => fetch(new URL(path, `${p.api}${s.media.clip}`), { headers: { authorization: `Bearer ${p.token}` } });
    const m = await get('master.m3u8');
    expect(m.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    expect(Buffer.from(await m.arrayBuffer()).equals(master)).toBe(true);
    const seg = await get('v/seg1.ts');
    expect(seg.headers.get('content-type')).toBe('video/mp2t');
    expect(Buffer.from(await seg.arrayBuffer()).equals(seg1)).toBe(true);
    expect((await get('v/other.ts')).status).toBe(404);
  });
});

describe('download progress', () => {
  it('reports bytes per file and overall while downloading', async () => {
    const slow = randomBytes(20_000);
    publish(origin, { version: 1, assets: { slow: { bytes: slow } } });
    origin.fault('/c/media/slow', { kind: 'trickle', chunk: 2_000, everyMs: 20 });
    const p = await start();
    const mid = await next(p.core, 'progress', (x) => x.bytesDone > 0 && x.bytesDone < x.bytesTotal);
    expect(mid).toMatchObject({ assetsReady: 0, assetsTotal: 1, bytesTotal: 20_000 });
    const status = await p.core.status();
    expect(status.downloading).toEqual({ [sha(slow)]: { done: expect.any(Number), total: 20_000 } });
    expect(p.core.state().phase).toBe('preparing');
    await waitState(p.core, (s) => s.phase === 'ready' && s.progress.bytesDone === 20_000);
  });
});

describe('a full disk', () => {
  it('reports DISK_FULL and keeps the current playlist playing', async () => {
    const a = randomBytes(5_000);
    publish(origin, { version: 1, assets: { a: { bytes: a } } });
    const p = await start();
    await waitState(p.core, (s) => s.playlist?.version === 1);
    const b = randomBytes(5_000);
    publish(origin, { version: 2, assets: { a: { bytes: a }, b: { bytes: b } } });
    // /dev/full answers every write with ENOSPC: a real full-disk error from the kernel.
    await symlink('/dev/full', join(p.dataDir, 'cache', 'tmp', `${sha(b)}.part`));
    const full = next(p.core, 'error', (e) => e.code === 'DISK_FULL');
    p.core.syncNow();
    await full;
    await p.core.idle();
    expect(p.core.state().playlist?.version).toBe(1);
    const res = await fetch(`${p.api}${p.core.state().media.a}`, { headers: { authorization: `Bearer ${p.token}` } });
    expect(Buffer.from(await res.arrayBuffer()).equals(a)).toBe(true);
    await p.core.heartbeatNow();
    expect((await p.core.status()).errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'DISK_FULL' })]));
  });
});

describe('an expired current playlist', () => {
  it('keeps playing past its expiry, reported as expired, also after an offline restart', async () => {
    publish(origin, { version: 1, expiresAt: '2027-01-01T00:00:00Z' });
    let offset = 0;
    const clock = { ...systemClock, now: () => Date.now() + offset };
    const p = await start({}, { clock });
    expect((await waitState(p.core, (s) => s.phase === 'ready')).playlist?.expired).toBe(false);
    offset = Date.parse('2028-01-01T00:00:00Z') - Date.now();
    expect(p.core.state().playlist?.expired).toBe(true);
    const hb = next(p.core, 'heartbeat');
    await p.core.heartbeatNow();
    expect((await hb).playlist).toMatchObject({ state: 'expired', version: 1 });
    await p.core.stop();
    origin.fault('/c/playlist.json', { kind: 'hang' });
    const again = await startPlayer(origin, { idleTimeoutMs: 60_000 }, { dataDir: p.dataDir, clock });
    started.push(again);
    expect(again.core.state()).toMatchObject({ phase: 'ready', playlist: { version: 1, expired: true } });
  });
});

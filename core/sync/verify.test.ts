import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Origin } from '../../test/fixtures/core-origin.ts';
import { perTestOrigin } from '../../test/fixtures/core-per-test.ts';
import { next, publish, publisher, rootKey, waitState, type Started } from '../../test/fixtures/core-harness.ts';
import { key, playlistJson, rootEnvelope, signPlaylist } from '../../test/fixtures/core-signing.ts';
import { fixedOffsetClock } from '../util/clock.ts';

const env = perTestOrigin();
let origin: Origin;
beforeEach(() => void (origin = env.origin()));
const start = env.start;

/** Publishes, syncs once, and returns the rejection (or null when adopted). */
async function syncAndSee(p: Started) {
  const outcome = Promise.race([next(p.core, 'rejected'), next(p.core, 'adopted').then(() => null)]);
  p.core.syncNow();
  return outcome;
}

describe('verification keeps the current playlist', () => {
  it('rejects tampered, rolled-back, conflicting and expired playlists, and reports the code', async () => {
    publish(origin, { version: 5 });
    const p = await start();
    await waitState(p.core, (s) => s.playlist?.version === 5);

    const env = JSON.parse(origin.files.get('/c/playlist.json')!.bytes.toString());
    const payload = JSON.parse(Buffer.from(env.payload, 'base64').toString());
    payload.version = 6;
    env.payload = Buffer.from(JSON.stringify(payload)).toString('base64');
    origin.put('/c/playlist.json', JSON.stringify(env));
    expect((await syncAndSee(p))?.code).toBe('SIGNATURE_INVALID');

    publish(origin, { version: 4 });
    expect((await syncAndSee(p))?.code).toBe('ROLLBACK');

    publish(origin, { version: 5, channel: 'lobby', expiresAt: '2098-01-01T00:00:00Z' });
    expect((await syncAndSee(p))?.code).toBe('VERSION_CONFLICT');

    publish(origin, { version: 7, issuedAt: '2020-01-01T00:00:00Z', expiresAt: '2021-01-01T00:00:00Z' });
    expect((await syncAndSee(p))?.code).toBe('EXPIRED');

    publish(origin, { version: 8 }, { signer: key('stranger') });
    expect((await syncAndSee(p))?.code).toBe('SIGNATURE_INVALID');

    publish(origin, { version: 9, audience: { all: false, tags: ['airport'] } });
    expect((await syncAndSee(p))?.code).toBe('AUDIENCE_MISMATCH');

    expect(p.core.state().playlist?.version).toBe(5);
    expect(p.core.state().lastError?.code).toBe('AUDIENCE_MISMATCH');
    const status = await p.core.status();
    expect(status.rejection).toMatchObject({ code: 'AUDIENCE_MISMATCH', version: 9 });
    const hb = next(p.core, 'heartbeat');
    await p.core.heartbeatNow();
    expect(await hb).toMatchObject({ playlist: { state: 'ok', channel: 'lobby', version: 5 }, rejection: { code: 'AUDIENCE_MISMATCH', version: 9 } });
  });

  it('still refuses a rollback after a restart on the same data folder, and keeps the newer playlist playing', async () => {
    publish(origin, { version: 5 });
    const first = await start();
    await waitState(first.core, (s) => s.playlist?.version === 5);
    await first.core.stop();
    // The highest version lives on disk, not only in memory: a restarted player must remember it.
    publish(origin, { version: 4 });
    const again = await start({}, { dataDir: first.dataDir });
    const s = await waitState(again.core, (x) => x.lastError !== null);
    expect(s.lastError?.code).toBe('ROLLBACK');
    expect(s.playlist?.version).toBe(5);
    expect(s.phase).toBe('ready');
    expect((await again.core.status()).rejection).toMatchObject({ code: 'ROLLBACK', version: 4 });
    const media = await fetch(`${again.api}/api/state`, { headers: { authorization: `Bearer ${again.token}` } });
    expect(((await media.json()) as { playlist: { version: number } }).playlist.version).toBe(5);
  });

  it('accepts an audience by tag or device id', async () => {
    publish(origin, { version: 1, audience: { all: false, tags: ['airport'] } });
    const p = await start({ tags: ['airport'] });
    await waitState(p.core, (s) => s.playlist?.version === 1);
    publish(origin, { version: 2, audience: { all: false, devices: [p.core.deviceId] } });
    expect(await syncAndSee(p)).toBeNull();
  });

  it('follows a root rotation published beside the playlist', async () => {
    const newPublisher = key('publisher-2');
    origin.put('/c/root/2.json', rootEnvelope(2, [rootKey], [newPublisher]));
    origin.put('/c/playlist.json', signPlaylist(playlistJson({ version: 1 }), newPublisher));
    const p = await start();
    await waitState(p.core, (s) => s.playlist?.version === 1);
    expect((await p.core.status()).trustedRootVersion).toBe(2);
    expect(origin.requests('/c/root/3.json')).toBe(1);
    // The old publisher key is no longer trusted.
    publish(origin, { version: 2 }, { signer: publisher });
    expect((await syncAndSee(p))?.code).toBe('SIGNATURE_INVALID');
  });

  it('under a root that names a board (2 of 3), the hub key alone or one approver is refused and two approvers are adopted', async () => {
    const approvers = [key('approver-1'), key('approver-2'), key('approver-3')];
    origin.put('/c/root/2.json', rootEnvelope(2, [rootKey], [publisher], [rootKey], undefined, { keys: approvers, threshold: 2 }));
    origin.put('/c/playlist.json', signPlaylist(playlistJson({ version: 1 }), approvers.slice(0, 2)));
    const p = await start();
    await waitState(p.core, (s) => s.playlist?.version === 1);
    expect((await p.core.status()).trustedRootVersion).toBe(2);

    publish(origin, { version: 2 }, { signer: publisher });
    expect((await syncAndSee(p))?.code).toBe('ROLE_NOT_ALLOWED');
    origin.put('/c/playlist.json', signPlaylist(playlistJson({ version: 3 }), [approvers[2]!, publisher]));
    expect((await syncAndSee(p))?.code).toBe('THRESHOLD_NOT_MET');
    expect(p.core.state().playlist?.version).toBe(1);
    origin.put('/c/playlist.json', signPlaylist(playlistJson({ version: 4 }), [approvers[2]!, approvers[0]!]));
    expect(await syncAndSee(p)).toBeNull();
    expect(p.core.state().playlist?.version).toBe(4);
  });

  it('refuses a root rotation not signed by the old root keys', async () => {
    const rogue = key('rogue-root');
    origin.put('/c/root/2.json', rootEnvelope(2, [rogue], [rogue]));
    publish(origin, { version: 1 });
    const p = await start();
    const r = await new Promise<unknown>((resolve) => {
      p.core.on('rejected', resolve);
      if (p.core.state().lastError) resolve(p.core.state().lastError);
    });
    expect(r).toMatchObject({ code: 'SIGNATURE_INVALID' });
    expect(p.core.state().playlist).toBeNull();
  });

  it.each([
    ['1970', Date.parse('1970-01-02T00:00:00Z') - Date.now()],
    ['2100', Date.parse('2100-01-01T00:00:00Z') - Date.now()],
  ])('uses the server Date when the local clock says %s', async (_name, offset) => {
    publish(origin, { version: 1, issuedAt: '2026-01-01T00:00:00Z', expiresAt: '2099-01-01T00:00:00Z' });
    const p = await start({}, { clock: fixedOffsetClock(offset) });
    const s = await waitState(p.core, (x) => x.playlist?.version === 1);
    expect(s.playlist?.expired).toBe(false);
    // The page adds clockOffsetMs to the system clock: the core's clock (decades off) plus its correction is the server's time, which is the system clock here.
    expect(Math.abs(s.clockOffsetMs)).toBeLessThan(5_000);
    // Uptime is a raw-clock difference: the skew correction must not add decades to it.
    const hb = next(p.core, 'heartbeat');
    await p.core.heartbeatNow();
    const beat = await hb;
    expect(beat.uptimeSec).toBeGreaterThanOrEqual(0);
    expect(beat.uptimeSec).toBeLessThan(60);
    expect(Math.abs(Date.parse(beat.sentAt) - Date.now())).toBeLessThan(5_000);
    // A playlist expired by the server's clock is still refused.
    publish(origin, { version: 2, issuedAt: '2020-01-01T00:00:00Z', expiresAt: '2021-01-01T00:00:00Z' });
    expect((await syncAndSee(p))?.code).toBe('EXPIRED');
  });

  it('refuses a deeply nested or object-stuffed envelope before JSON.parse sees it, and never parses the same refused bytes twice', async () => {
    publish(origin, { version: 1 });
    const p = await start();
    await waitState(p.core, (s) => s.playlist?.version === 1);
    const parsed: number[] = [];
    const realParse = JSON.parse;
    const spy = vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      if (typeof text === 'string' && text.length > 100_000) parsed.push(text.length);
      return realParse(text, reviver);
    });
    try {
      // 4 MB under the 4 MiB cap, served without an ETag so every poll fetches it whole.
      const head = '{"payloadType":"application/vnd.pano.playlist+json","payload":"","signatures":[{"sig":""}],"x":';
      const depth = Math.floor((4_000_000 - head.length) / 2);
      const nested = `${head}${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const wide = `${head}[${'[],'.repeat(1_300_000)}[]]}`;
      for (const hostile of [nested, wide]) {
        origin.put('/c/playlist.json', hostile, { etag: null });
        const refused = await syncAndSee(p);
        expect(refused).toMatchObject({ code: 'TOO_LARGE', message: expect.stringMatching(/nested deeper than 4 levels|more than 40 objects and arrays/) });
      }
      expect(parsed).toEqual([]);

      // A well-formed 2 MB envelope refused after parsing (no valid signature): parsed once, not at the next polls.
      const unsigned = JSON.stringify({ payloadType: 'application/vnd.pano.playlist+json', payload: Buffer.alloc(1_500_000, 7).toString('base64'), signatures: [{ keyid: '', sig: 'AAAA' }] });
      origin.put('/c/playlist.json', unsigned, { etag: null });
      expect(await syncAndSee(p)).toMatchObject({ code: 'SIGNATURE_INVALID' });
      expect(parsed).toEqual([unsigned.length]);
      for (let i = 0; i < 2; i++) {
        const polled = origin.requests('/c/playlist.json');
        const answered = waitState(p.core, () => origin.requests('/c/playlist.json') > polled);
        p.core.syncNow();
        await answered;
        await p.core.idle();
      }
      expect(parsed).toEqual([unsigned.length]);
      expect(p.core.state()).toMatchObject({ playlist: { version: 1 }, lastError: { code: 'SIGNATURE_INVALID' } });
    } finally {
      spy.mockRestore();
    }
  });

  it('refuses a playlist larger than the byte cap', async () => {
    publish(origin, { version: 1, assets: { big: { bytes: randomBytes(10) } } });
    origin.put('/c/playlist.json', Buffer.alloc(5000, 0x20));
    const p = await start({ maxPlaylistBytes: 4096 });
    const err = await new Promise<unknown>((resolve) => {
      p.core.on('error', resolve);
      if (p.core.state().lastError) resolve(p.core.state().lastError);
    });
    expect(err).toMatchObject({ code: 'TOO_LARGE' });
  });
});

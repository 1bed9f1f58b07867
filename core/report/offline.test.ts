import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Heartbeat } from '../../playlists/schemas/reports.ts';
import { publisher, rootKey } from '../../test/fixtures/core-harness.ts';
import { rootEnvelope } from '../../test/fixtures/core-signing.ts';
import { createPlayerCore, type PlayerCore } from '../index.ts';
import { headlessPorts } from '../ports.ts';
import { fakeClock } from '../../test/fixtures/fake-clock.ts';

const DAY = 86_400_000;
const HEARTBEAT_MS = 60_000;
const QUOTA = 1024 * 1024;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A loopback port that refuses connections: it was listening a moment ago, now nothing is. */
async function downUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

async function folderBytes(dir: string): Promise<number> {
  let n = 0;
  for (const name of await readdir(dir)) n += (await stat(join(dir, name))).size;
  return n;
}

describe('seven days offline', () => {
  it('keeps the outbox under its quota, drops heartbeats and says so, keeps every play record', { timeout: 60_000 }, async () => {
    // tmpfs when there is one: this is about the quota arithmetic over 10 000 appends, not fsync speed.
    const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
    const dir = await mkdtemp(join(base, 'pano-offline-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const rootFile = join(dir, 'root.json');
    await writeFile(rootFile, rootEnvelope(1, [rootKey], [publisher]));
    const down = await downUrl();
    const f = fakeClock(Date.parse('2026-11-20T00:00:00Z'));
    const start = f.now();
    const core: PlayerCore = createPlayerCore(
      // Defaults for every interval (heartbeat 60 s, uploads 10 s with backoff to 15 min); the quota is shrunk so a week overflows it.
      { dataDir: join(dir, 'data'), playlistUrl: `${down}/c/playlist.json`, rootFile, reportUrl: `${down}/report`, apiPort: 0, outboxQuotaBytes: QUOTA },
      headlessPorts,
      { clock: f.clock },
    );
    await core.start();
    cleanups.push(() => core.stop());
    const local = new URL(core.localUrl('main'));
    const outboxDir = join(dir, 'data', 'outbox');

    let beats = 0;
    let last: Heartbeat | undefined;
    let wake = () => {};
    core.on('heartbeat', (hb) => {
      beats++;
      last = hb;
      wake();
    });
    const beatsReach = (n: number) => new Promise<void>((r) => ((wake = () => beats >= n && r()), wake()));

    let plays = 0;
    const play = async () => {
      const at = new Date(f.now()).toISOString();
      const e = { type: 'play', playId: `offline-play-${String(plays).padStart(5, '0')}`, channel: 'lobby', playlistVersion: 1, display: 'main', zone: 'main', itemId: 'hello', kind: 'slide' };
      const res = await fetch(`${local.origin}/api/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${local.searchParams.get('token')}`, 'content-type': 'application/json' },
        body: JSON.stringify([
          { ...e, phase: 'start', at },
          { ...e, phase: 'end', at, outcome: 'completed' },
        ]),
      });
      expect(res.status).toBe(202);
      plays++;
    };

    let fired = 0;
    let maxBytes = 0;
    while (f.now() < start + 7 * DAY) {
      const ms = f.fire();
      expect(ms).not.toBeNull();
      // The heartbeat timer (5 s after start, then every 60 s): wait for its record before time moves on.
      if (ms === HEARTBEAT_MS || (ms === 5_000 && fired === 0)) {
        fired++;
        await beatsReach(fired);
        if (fired % 30 === 0) await play();
        if (fired % 10 === 0) maxBytes = Math.max(maxBytes, await folderBytes(outboxDir));
      }
    }
    expect(fired).toBeGreaterThanOrEqual(7 * 24 * 60);
    expect(plays).toBeGreaterThanOrEqual(7 * 24 * 2);
    expect(maxBytes).toBeLessThanOrEqual(QUOTA);
    expect(await folderBytes(outboxDir)).toBeLessThanOrEqual(QUOTA);

    await core.heartbeatNow();
    expect(last!.outbox.dropped.heartbeats).toBeGreaterThan(0);
    expect(last!.outbox.dropped.plays).toBe(0);
    // Every play record is still queued; the heartbeats that remain fit beside them.
    expect((await core.status()).outbox).toMatchObject({ dropped: { plays: 0 } });
    // Uptime is the raw clock difference: seven days.
    expect(Math.round(last!.uptimeSec / 86_400)).toBe(7);
    console.log(`seven days offline: ${fired} heartbeats, ${plays} plays, outbox at most ${maxBytes} of ${QUOTA} bytes, ${last!.outbox.dropped.heartbeats} heartbeats dropped, ${last!.outbox.pending} records pending`);
  });
});

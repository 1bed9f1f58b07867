import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { GENESIS_HASH, recordHash } from '../../playlists/chain.ts';
import { generateKeyPair } from '../../playlists/keys.ts';
import type { PlayRecord } from '../../playlists/schemas/reports.ts';
import { startCollector, type Collector } from '../../test/fixtures/core-collector.ts';
import { Outbox } from '../outbox/outbox.ts';
import { Uploader } from './uploader.ts';

let dir: string;
let collector: Collector;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pano-uploader-'));
  collector = await startCollector();
});
afterEach(async () => {
  await collector.close();
  await rm(dir, { recursive: true, force: true });
});

it('sends a hole in the outbox as two batches, each covered by its own signed head', async () => {
  const key = generateKeyPair();
  collector.publicKey = key.publicKey;
  const outbox = await Outbox.open(join(dir, 'outbox'), 1024 * 1024);
  // Seq 0–5 chained as the recorder does; seq 3 never reached the outbox (dropped, or set aside earlier).
  let prev = GENESIS_HASH;
  for (let seq = 0; seq < 6; seq++) {
    const at = new Date(Date.UTC(2026, 10, 20, 8, 0, seq * 10)).toISOString();
    const r: PlayRecord = { id: `play-${seq}-xxxxxx`, deviceId: 'dev-1', seq, prev, channel: 'lobby', playlistVersion: 1, display: 'main', zone: 'main', itemId: 'hello', kind: 'slide', startedAt: at, endedAt: at, durationMs: 0, outcome: 'completed' };
    prev = recordHash(r);
    if (seq !== 3) await outbox.append('play', r.id, r, Date.parse(at));
  }
  const batches: string[][] = [];
  const up = new Uploader({ reportUrl: collector.url, deviceId: 'dev-1', key, token: () => undefined, idleTimeoutMs: 5_000, now: Date.now, onCommands: () => {}, onError: () => {}, onAck: (kind, ids) => kind === 'play' && batches.push(ids) });
  await up.round(outbox);
  expect(batches).toEqual([['play-0-xxxxxx', 'play-1-xxxxxx', 'play-2-xxxxxx'], ['play-4-xxxxxx', 'play-5-xxxxxx']]);
  // The collector checks each head's signature and that it covers every record of its batch (coverageProblem).
  expect(collector.badHeads).toBe(0);
  expect(collector.plays.size).toBe(5);
  await outbox.close();
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkChain, GENESIS_HASH, recordHash } from '../../playlists/chain.ts';
import type { PlayRecord } from '../../playlists/schemas/reports.ts';
import { hashRecord } from './record-hash.ts';

function chain(n: number): PlayRecord[] {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, seq) => {
    const r: PlayRecord = {
      id: `rec-${seq}-aaaaaaaa`,
      deviceId: 'dev',
      seq,
      prev,
      channel: 'c',
      playlistVersion: 1,
      display: 'main',
      zone: 'main',
      itemId: 'i',
      kind: 'slide',
      startedAt: '2026-11-20T00:00:00Z',
      endedAt: '2026-11-20T00:00:10Z',
      durationMs: 10_000,
      outcome: 'completed',
    };
    prev = recordHash(r);
    return r;
  });
}

describe('chain checks with the hub\'s precomputed hashes', () => {
  it('agrees with playlists/chain.ts checkChain on removed, edited and reordered records', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant('drop'), fc.constant('edit'), fc.constant('swap'), fc.constant('keep')), { minLength: 1, maxLength: 12 }), (ops) => {
        let records = chain(ops.length + 1);
        ops.forEach((op, i) => {
          if (op === 'drop') records = records.filter((_, j) => j !== i);
          if (op === 'edit' && records[i]) records[i] = { ...records[i], durationMs: 1 };
          if (op === 'swap' && records[i + 1]) [records[i], records[i + 1]] = [records[i + 1]!, records[i]!];
        });
        const hashes = new Map(records.map((r) => [r.id, recordHash(r)]));
        expect(checkChain(records, -1, GENESIS_HASH, (r) => hashes.get(r.id)!)).toEqual(checkChain(records, -1, GENESIS_HASH));
      }),
    );
  });

  it('hashes records exactly as playlists/chain.ts recordHash does', () => {
    for (const r of chain(5)) expect(hashRecord({ ...r, reason: 'Tết — skipped ✓', language: 'vi' })).toBe(recordHash({ ...r, reason: 'Tết — skipped ✓', language: 'vi' }));
  });
});

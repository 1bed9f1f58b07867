import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../playlists/canonical-json.ts';
import { recordHash } from '../../playlists/chain.ts';
import type { PlayRecord } from '../../playlists/schemas/reports.ts';
import { canonicalRecord, hashRecord } from './record-hash.ts';

const text = fc.string({ unit: 'binary', maxLength: 20 });
const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 });

/** Records with every optional field present or absent, and any text (quotes, controls, astral characters) in string fields. */
const record = fc.record(
  {
    id: text,
    deviceId: text,
    seq: fc.nat(),
    prev: hex,
    channel: text,
    playlistVersion: fc.integer({ min: 1 }),
    display: text,
    zone: fc.constantFrom('main', 'ticker', 'side'),
    itemId: text,
    kind: fc.constantFrom('video', 'hls', 'image', 'slide', 'ticker', 'page'),
    assetSha256: hex,
    entryId: text,
    language: text,
    startedAt: text,
    endedAt: text,
    durationMs: fc.nat(),
    outcome: fc.constantFrom('completed', 'skipped', 'error', 'interrupted'),
    reason: text,
  },
  { requiredKeys: ['id', 'deviceId', 'seq', 'prev', 'channel', 'playlistVersion', 'display', 'zone', 'itemId', 'kind', 'startedAt', 'endedAt', 'durationMs', 'outcome'] },
) as fc.Arbitrary<PlayRecord>;

describe('hub record hash', () => {
  it('writes exactly the canonical JSON of any record, in any key order', () => {
    fc.assert(
      fc.property(record, fc.boolean(), (r, reversed) => {
        const shuffled = Object.fromEntries(reversed ? Object.entries(r).reverse() : Object.entries(r)) as PlayRecord;
        expect(canonicalRecord(shuffled)).toBe(canonicalJson(r));
        expect(hashRecord(shuffled)).toBe(recordHash(r));
      }),
    );
  });

  it('falls back to canonicalJson for keys the schema does not know or keys set to undefined', () => {
    fc.assert(
      fc.property(record, text, (r, extra) => {
        const odd = { ...r, [`x${extra}`]: extra, reason: undefined } as unknown as PlayRecord;
        expect(canonicalRecord(odd)).toBe(canonicalJson(odd));
        expect(hashRecord(odd)).toBe(recordHash(odd));
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, checkChain, gapDetail, gapRange, recordHash } from './chain.ts';
import type { PlayRecord } from './schemas/reports.ts';

function chain(n: number): PlayRecord[] {
  const out: PlayRecord[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 0; seq < n; seq++) {
    const r: PlayRecord = {
      id: `rec-${String(seq).padStart(8, '0')}`,
      deviceId: 'dev-1',
      seq,
      prev,
      channel: 'ca-mau',
      playlistVersion: 3,
      display: 'main',
      zone: 'main',
      itemId: 'promo',
      kind: 'video',
      startedAt: '2026-11-20T08:00:00Z',
      endedAt: '2026-11-20T08:00:30Z',
      durationMs: 30_000,
      outcome: 'completed',
    };
    out.push(r);
    prev = recordHash(r);
  }
  return out;
}

describe('canonicalJson', () => {
  it('sorts keys and drops whitespace and undefined', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, é: { z: 1, y: 2 } })).toBe('{"a":[true,null,"x"],"b":1,"é":{"y":2,"z":1}}');
  });

  it('is independent of key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(obj);
      }),
    );
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson({ f: () => 1 })).toThrow();
  });
});

describe('checkChain', () => {
  it('accepts an unbroken chain from genesis and returns its tip', () => {
    const records = chain(5);
    const result = checkChain(records, -1, GENESIS_HASH);
    expect(result.problems).toEqual([]);
    expect(result.tipSeq).toBe(4);
    expect(result.tipHash).toBe(recordHash(records[4]!));
  });

  it('continues from a known tip across batches', () => {
    const records = chain(6);
    const first = checkChain(records.slice(0, 3), -1, GENESIS_HASH);
    expect(checkChain(records.slice(3), first.tipSeq, first.tipHash).problems).toEqual([]);
  });

  it('flags a removed record as a gap', () => {
    const records = chain(5);
    records.splice(2, 1);
    expect(checkChain(records, -1, GENESIS_HASH).problems).toEqual([expect.objectContaining({ kind: 'gap', expectedSeq: 2, gotSeq: 3 })]);
  });

  it('flags an edited record: the next one no longer links to it', () => {
    const records = chain(4);
    records[1] = { ...records[1]!, outcome: 'skipped' };
    expect(checkChain(records, -1, GENESIS_HASH).problems).toEqual([expect.objectContaining({ kind: 'broken', seq: 2 })]);
  });

  it('flags a reorder', () => {
    const records = chain(4);
    [records[1], records[2]] = [records[2]!, records[1]!];
    expect(checkChain(records, -1, GENESIS_HASH).problems.length).toBeGreaterThan(0);
  });
});

describe('gap wording', () => {
  it('names one missing record as one, and a run as a range', () => {
    expect(gapDetail(3, 3)).toBe('record 3 is missing');
    expect(gapDetail(3, 5)).toBe('records 3–5 are missing');
  });

  it('reads the range back, including flags stored before the wording changed', () => {
    expect(gapRange(gapDetail(3, 3))).toEqual({ from: 3, to: 3 });
    expect(gapRange(gapDetail(3, 5))).toEqual({ from: 3, to: 5 });
    expect(gapRange('records 3–3 are missing')).toEqual({ from: 3, to: 3 });
    expect(gapRange('prev does not match the hash of record 2 (edited or removed)')).toBeNull();
  });
});

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJson } from './canonical-json.ts';
import type { PlayRecord } from './schemas/reports.ts';

/** `prev` of a device's first play record. */
export const GENESIS_HASH = '0'.repeat(64);

const utf8 = new TextEncoder();

/** Hash of a play record: sha256 of its canonical JSON. The next record's `prev`. */
export function recordHash(record: PlayRecord): string {
  return bytesToHex(sha256(utf8.encode(canonicalJson(record))));
}

/**
 * The bytes a device signs for a batch's chain head: domain-separated so the
 * signature means nothing else. It names the batch's first seq as well as its
 * last record, so the signature covers exactly the records from..seq (each
 * fixed by the hash links back from `hash`): none can be added after the
 * head, cut from either end, or moved to another batch.
 */
export function chainHeadMessage(deviceId: string, head: { from: number; seq: number; hash: string }): Uint8Array {
  return utf8.encode(`pano-chain-head-v2\n${deviceId}\n${head.from}\n${head.seq}\n${head.hash}`);
}

export type CoverageCode = 'CHAIN_PAST_HEAD' | 'CHAIN_HEAD_MISMATCH' | 'CHAIN_NOT_LINKED';

/**
 * Whether a batch's signed head covers every record in it (docs/protocol.md,
 * "Which records a head covers"), in this order: a record after the head is
 * CHAIN_PAST_HEAD; a batch that does not start at `from` or end at a record
 * hashing to `hash` is CHAIN_HEAD_MISMATCH; records that are not one per seq,
 * each `prev` the hash of the one before, are CHAIN_NOT_LINKED. `records` are
 * sorted by seq; `hashes[i]` is the hash of `records[i]`. Null: all covered.
 */
export function coverageProblem(
  records: readonly PlayRecord[],
  hashes: readonly string[],
  head: { from: number; seq: number; hash: string },
): { code: CoverageCode; index: number; detail: string } | null {
  const past = records.findIndex((r) => r.seq > head.seq);
  if (past >= 0) return { code: 'CHAIN_PAST_HEAD', index: past, detail: `record seq ${records[past]!.seq} comes after the signed head (seq ${head.seq}): no signature covers it` };
  const last = records.length - 1;
  if (records[0]!.seq !== head.from) return { code: 'CHAIN_HEAD_MISMATCH', index: 0, detail: `the batch starts at seq ${records[0]!.seq}, the signed head at seq ${head.from}` };
  if (records[last]!.seq !== head.seq || hashes[last] !== head.hash) {
    return { code: 'CHAIN_HEAD_MISMATCH', index: last, detail: `no record in the batch is the signed head (seq ${head.seq}, hash ${head.hash.slice(0, 12)}…)` };
  }
  for (let i = 1; i <= last; i++) {
    if (records[i]!.seq !== records[i - 1]!.seq + 1 || records[i]!.prev !== hashes[i - 1]) {
      return { code: 'CHAIN_NOT_LINKED', index: i - 1, detail: `record seq ${records[i - 1]!.seq} is not linked to the next record of the batch: the head does not cover it` };
    }
  }
  return null;
}

export type ChainProblem =
  | { kind: 'gap'; expectedSeq: number; gotSeq: number; recordId: string }
  | { kind: 'broken'; seq: number; recordId: string; expectedPrev: string; gotPrev: string };

/**
 * Check that `records` (sorted by seq) continue a chain whose last known
 * record had `lastSeq` and `lastHash` (-1 and GENESIS_HASH for a new device).
 * Returns the new tip and every problem found; it never throws on bad data.
 * `hashOf` lets a caller that already hashed the records (the hub, with a
 * native sha256) reuse those hashes; it must equal recordHash.
 */
export function checkChain(
  records: readonly PlayRecord[],
  lastSeq: number,
  lastHash: string,
  hashOf: (record: PlayRecord) => string = recordHash,
): { tipSeq: number; tipHash: string; problems: ChainProblem[] } {
  const problems: ChainProblem[] = [];
  let seq = lastSeq;
  let hash = lastHash;
  for (const r of records) {
    if (r.seq !== seq + 1) problems.push({ kind: 'gap', expectedSeq: seq + 1, gotSeq: r.seq, recordId: r.id });
    else if (r.prev !== hash) problems.push({ kind: 'broken', seq: r.seq, recordId: r.id, expectedPrev: hash, gotPrev: r.prev });
    seq = r.seq;
    hash = hashOf(r);
  }
  return { tipSeq: seq, tipHash: hash, problems };
}

/**
 * How the hub words a gap flag (the detail of a chainFlags entry): "record 3 is missing",
 * "records 3–5 are missing". One record is not a range: it read "records 3–3" before.
 */
export function gapDetail(from: number, to: number): string {
  return from === to ? `record ${from} is missing` : `records ${from}–${to} are missing`;
}

/** The missing records a gap flag's detail names (gapDetail's inverse; also reads "records 3–3"), so the studio can say it in the operator's language. */
export function gapRange(detail: string): { from: number; to: number } | null {
  const m = /^records? (\d+)(?:–(\d+))? (?:is|are) missing$/.exec(detail);
  return m ? { from: Number(m[1]), to: Number(m[2] ?? m[1]) } : null;
}

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

/** The bytes a device signs for a chain head: domain-separated so the signature means nothing else. */
export function chainHeadMessage(deviceId: string, seq: number, hash: string): Uint8Array {
  return utf8.encode(`pano-chain-head-v1\n${deviceId}\n${seq}\n${hash}`);
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

import { hash } from 'node:crypto';
import { canonicalJson } from '../../playlists/canonical-json.ts';
import { PlayRecord } from '../../playlists/schemas/reports.ts';

/**
 * The record's fields in canonical order, taken from the schema so that a
 * field added to PlayRecord cannot be left out. Array.sort's default order
 * compares UTF-16 code units, as canonicalJson does.
 */
const KEYS = Object.keys(PlayRecord.shape).sort();
const PREFIXES = KEYS.map((k) => `${JSON.stringify(k)}:`);

/**
 * canonicalJson(record), written straight from the known field list: the
 * generic version builds, filters, sorts and joins an entries array per
 * record, which was most of the hashing time at 100 records a batch.
 */
export function canonicalRecord(record: PlayRecord): string {
  const fields = record as unknown as Record<string, unknown>;
  let out = '{';
  let present = 0;
  for (let i = 0; i < KEYS.length; i++) {
    const value = fields[KEYS[i]!];
    if (value === undefined) continue;
    out += `${present++ ? ',' : ''}${PREFIXES[i]!}${typeof value === 'string' ? JSON.stringify(value) : canonicalJson(value)}`;
  }
  // A record parsed by the strict schema has no other keys; anything else (an extra key, a key set to undefined) takes the generic path.
  return Object.keys(fields).length === present ? `${out}}` : canonicalJson(record);
}

/** recordHash() of playlists/chain.ts, with node:crypto's native one-shot sha256 (same bytes in, same hex out; tested). */
export function hashRecord(record: PlayRecord): string {
  return hash('sha256', canonicalRecord(record), 'hex');
}

import { verify } from 'node:crypto';
import { chainHeadMessage, coverageProblem, gapDetail } from '../../playlists/chain.ts';
import { tryDecodeBase64 } from '../../playlists/base64.ts';
import type { ErrorCode } from '../../playlists/errors.ts';
import type { PlayAck, PlayBatch, PlayRecord } from '../../playlists/schemas/reports.ts';
import type { HubContext } from '../context.ts';
import type { Db, Param } from '../db/db.ts';
import type { DeviceAuth } from '../devices/cache.ts';
import { HttpError } from '../http/errors.ts';
import { localDay } from './days.ts';
import { hashRecord } from './record-hash.ts';

/** `code`: the refusal's, for a batch refused whole (kind `refused`); one flag per kind, record and code. */
type Flag = { kind: string; seq: number; recordId: string; detail: string; code?: ErrorCode };

/** A batch refused whole: nothing from it is stored, and it is flagged on the device. */
interface Refusal {
  status: number;
  code: ErrorCode;
  detail: string;
  flag: Flag;
}

const refusal = (status: number, code: ErrorCode, r: PlayRecord, detail: string): Refusal => ({
  status,
  code,
  detail,
  flag: { kind: 'refused', seq: r.seq, recordId: r.id, detail: `${code}: ${detail}`, code },
});

/** The head must be signed by the key recorded at pairing, over this device's id and the batch's range. */
function signatureProblem(device: DeviceAuth, batch: PlayBatch, first: PlayRecord): Refusal | null {
  const { head } = batch;
  const refuse = (detail: string) => refusal(403, 'SIGNATURE_INVALID', first, detail);
  if (head.keyid !== device.keyid) return refuse('chain head is signed by a key other than the one recorded at pairing');
  const sig = tryDecodeBase64(head.sig);
  if (!sig || !verify(null, chainHeadMessage(batch.deviceId, head), device.publicKey, sig)) return refuse('chain head signature does not verify with the device key');
  return null;
}

/**
 * Play batch. Refused whole, with a stable code, and flagged on the device
 * (docs/protocol.md): a head that is not signed by the device's key (403), a
 * record the head does not cover (422 CHAIN_PAST_HEAD, CHAIN_HEAD_MISMATCH,
 * CHAIN_NOT_LINKED), or a head that does not extend the one the hub holds
 * (422 CHAIN_HEAD_STALE; a plain retry of stored records is acknowledged).
 * So every stored record is covered by a head the device signed, and a
 * refused batch leaves the chain as it was: the screen's next honest records
 * continue it. Accepted records are stored once each (a retry is not counted
 * twice); a gap, a reorder or a broken link to the stored tip are flagged.
 */
export async function ingestPlays(hub: HubContext, device: DeviceAuth, batch: PlayBatch): Promise<PlayAck> {
  const records = [...batch.records].sort((a, b) => a.seq - b.seq);
  const hashes = records.map(hashRecord);
  const now = hub.now();
  const covered = coverageProblem(records, hashes, batch.head);
  const intrinsic = signatureProblem(device, batch, records[0]!) ?? (covered && refusal(422, covered.code, records[covered.index]!, covered.detail));
  const outcome = await hub.db.tx(async (db): Promise<PlayAck | Refusal> => {
    const ids = records.map((r) => r.id);
    // A write that changes nothing, so that on PostgreSQL the device's row stays locked until commit: two batches
    // of one device (a retry racing the original, or two hub processes) then check the chain one after the other.
    const tip = (await db.get<{ chain_seq: number; chain_hash: string }>('UPDATE devices SET chain_seq = chain_seq WHERE id = $1 RETURNING chain_seq, chain_hash', [device.id]))!;
    // Every stored record has seq ≤ the tip, so a batch entirely past the tip (the usual case) cannot hold a retry.
    const known = records[0]!.seq > tip.chain_seq ? [] : await db.all<{ id: string; hash: string }>(`SELECT id, hash FROM plays WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(',')})`, ids);
    const knownHash = new Map(known.map((k) => [k.id, k.hash]));
    const retry = records.every((r, i) => knownHash.get(r.id) === hashes[i]);
    const { head } = batch;
    const stale = head.seq < tip.chain_seq || (head.seq === tip.chain_seq && head.hash !== tip.chain_hash);
    const refused = intrinsic ?? (stale && !retry ? refusal(422, 'CHAIN_HEAD_STALE', records[0]!, `the signed head (seq ${head.seq}) does not extend the head the hub holds (seq ${tip.chain_seq})`) : null);
    if (refused) {
      await recordFlags(db, device.id, now, [refused.flag], 'refused', tip.chain_seq, tip.chain_hash);
      return refused;
    }
    // The batch is one linked run (covered above), so it can only disagree with the stored chain where it meets it.
    const flags: Flag[] = [];
    const fresh: Param[][] = [];
    records.forEach((r, i) => {
      const stored = knownHash.get(r.id);
      if (stored !== undefined) {
        if (stored !== hashes[i]) flags.push({ kind: 'edit', seq: r.seq, recordId: r.id, detail: 'a record was sent again with different content' });
        return;
      }
      if (r.seq <= tip.chain_seq) flags.push({ kind: 'reorder', seq: r.seq, recordId: r.id, detail: `record seq ${r.seq} arrived after seq ${tip.chain_seq}` });
      fresh.push(playRow(r, device, hashes[i]!, now));
    });
    const first = records.find((r) => r.seq > tip.chain_seq);
    if (first && first.seq > tip.chain_seq + 1) {
      flags.push({ kind: 'gap', seq: first.seq, recordId: first.id, detail: gapDetail(tip.chain_seq + 1, first.seq - 1) });
    } else if (first && first.prev !== tip.chain_hash) {
      flags.push({ kind: 'broken', seq: first.seq, recordId: first.id, detail: `prev does not match the hash of record ${first.seq - 1} (edited or removed)` });
    }
    const advanced = head.seq > tip.chain_seq;
    if (fresh.length) {
      const inserted = await insertPlays(db, fresh);
      // An id already stored under another seq, sent again: an edit too.
      for (const row of fresh) if (!inserted.has(row[0] as string)) flags.push({ kind: 'edit', seq: row[2] as number, recordId: row[0] as string, detail: 'a record was sent again with different content' });
    }
    const status: PlayAck['chain'] = !flags.length ? 'ok' : flags.some((f) => f.kind !== 'gap') ? 'broken' : 'gap';
    await recordFlags(db, device.id, now, flags, status, advanced ? head.seq : tip.chain_seq, advanced ? head.hash : tip.chain_hash);
    return { accepted: ids, chain: status };
  });
  if ('flag' in outcome) throw new HttpError(outcome.status, outcome.code, outcome.detail);
  return outcome;
}

/**
 * Stores flags (once each) and moves the device's chain tip and status. The
 * status keeps the worst seen: broken > refused > gap > ok; `refused` says
 * batches were turned away (nothing of theirs is in the chain).
 */
async function recordFlags(db: Db, deviceId: string, now: number, flags: Flag[], status: string, tipSeq: number, tipHash: string): Promise<void> {
  let added = 0;
  for (const f of flags) {
    const done = await db.run('INSERT INTO chain_flags (id, device_id, at, kind, seq, record_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING', [
      `${deviceId}:${f.kind}:${f.recordId}${f.code ? `:${f.code}` : ''}`,
      deviceId,
      now,
      f.kind,
      f.seq,
      f.recordId,
      f.detail,
    ]);
    added += done.changes;
  }
  await db.run(
    `UPDATE devices SET chain_seq = $1, chain_hash = $2, chain_problems = chain_problems + $3,
       chain_status = CASE WHEN $4 = 'broken' OR chain_status = 'broken' THEN 'broken' WHEN $4 = 'refused' OR chain_status = 'refused' THEN 'refused'
         WHEN $4 = 'gap' OR chain_status = 'gap' THEN 'gap' ELSE 'ok' END
     WHERE id = $5`,
    [tipSeq, tipHash, added, status, deviceId],
  );
}

const COLUMNS = 'id, device_id, seq, channel, playlist_version, display, zone, item_id, kind, asset_sha256, started_at, ended_at, duration_ms, outcome, reason, day, received_at, hash';
const WIDTH = COLUMNS.split(',').length;
const placeholders = (row: number) => `(${Array.from({ length: WIDTH }, (_, c) => `$${row * WIDTH + c + 1}`).join(',')})`;
const INSERT_ONE = `INSERT INTO plays (${COLUMNS}) VALUES ${placeholders(0)} ON CONFLICT (id) DO NOTHING`;

function playRow(r: PlayRecord, device: DeviceAuth, hash: string, now: number): Param[] {
  const startedAt = Date.parse(r.startedAt);
  return [r.id, device.id, r.seq, r.channel, r.playlistVersion, r.display, r.zone, r.itemId, r.kind, r.assetSha256 ?? null, startedAt, Date.parse(r.endedAt), r.durationMs, r.outcome, r.reason ?? null, localDay(startedAt, device.timeZone), now, hash];
}

/** Inserts rows (id first) unless their id is already stored; returns the ids it inserted. */
async function insertPlays(db: Db, rows: Param[][]): Promise<Set<string>> {
  const inserted = new Set<string>();
  if (db.kind === 'sqlite') {
    // One cached statement per row rather than one multi-row INSERT: inside a transaction SQLite gives a
    // multi-row statement a statement journal, a copy of every page it touches (over 64 KiB it spills to a
    // temp file, created and deleted per batch), so that it could undo itself alone. A single-row statement
    // needs none, and node:sqlite runs it with no round trip.
    const changes = await db.runEach(INSERT_ONE, rows);
    rows.forEach((row, i) => changes[i] && inserted.add(row[0] as string));
    return inserted;
  }
  // PostgreSQL: one round trip per chunk; chunks keep the parameter count far below its limit.
  for (let start = 0; start < rows.length; start += 200) {
    const chunk = rows.slice(start, start + 200);
    const rowsIn = await db.all<{ id: string }>(`INSERT INTO plays (${COLUMNS}) VALUES ${chunk.map((_, i) => placeholders(i)).join(',')} ON CONFLICT (id) DO NOTHING RETURNING id`, chunk.flat());
    for (const r of rowsIn) inserted.add(r.id);
  }
  return inserted;
}

import { verify } from 'node:crypto';
import { chainHeadMessage, checkChain } from '../../playlists/chain.ts';
import { decodeBase64 } from '../../playlists/base64.ts';
import type { PlayAck, PlayBatch, PlayRecord } from '../../playlists/schemas/reports.ts';
import type { HubContext } from '../context.ts';
import type { Db, Param } from '../db/db.ts';
import type { DeviceAuth } from '../devices/cache.ts';
import { HttpError } from '../http/errors.ts';
import { localDay } from './days.ts';
import { hashRecord } from './record-hash.ts';

function verifyHead(device: DeviceAuth, batch: PlayBatch): void {
  const { head } = batch;
  if (head.keyid !== device.keyid) {
    throw new HttpError(403, 'SIGNATURE_INVALID', 'chain head is signed by a key other than the one recorded at pairing');
  }
  const ok = verify(null, chainHeadMessage(batch.deviceId, head.seq, head.hash), device.publicKey, decodeBase64(head.sig, 'head.sig'));
  if (!ok) throw new HttpError(403, 'SIGNATURE_INVALID', 'chain head signature does not verify with the device key');
}

type Flag = { kind: string; seq: number; recordId: string; detail: string };

/**
 * Play batch: the signed head must verify, then records are stored once each
 * (a retry is acknowledged, not counted twice). The chain is checked against
 * the last stored tip; a gap, a reorder, an edited record (same id, other
 * bytes) or a head that does not match the records is flagged on the device.
 */
export async function ingestPlays(hub: HubContext, device: DeviceAuth, batch: PlayBatch): Promise<PlayAck> {
  verifyHead(device, batch);
  const records = [...batch.records].sort((a, b) => a.seq - b.seq);
  const now = hub.now();
  const hashes = new Map(records.map((r) => [r.id, hashRecord(r)]));
  return hub.db.tx(async (db) => {
    const ids = records.map((r) => r.id);
    // A write that changes nothing, so that on PostgreSQL the device's row stays locked until commit: two batches
    // of one device (a retry racing the original, or two hub processes) then check the chain one after the other.
    const tip = await db.get<{ chain_seq: number; chain_hash: string }>('UPDATE devices SET chain_seq = chain_seq WHERE id = $1 RETURNING chain_seq, chain_hash', [device.id]);
    let tipSeq = tip!.chain_seq;
    let tipHash = tip!.chain_hash;
    // Every stored record has seq ≤ the tip, so a batch entirely past the tip (the usual case) cannot hold a retry.
    const known = records[0]!.seq > tipSeq ? [] : await db.all<{ id: string; hash: string }>(`SELECT id, hash FROM plays WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(',')})`, ids);
    const knownHash = new Map(known.map((k) => [k.id, k.hash]));
    const flags: Flag[] = [];
    const edited = (r: PlayRecord) => flags.push({ kind: 'edit', seq: r.seq, recordId: r.id, detail: 'a record was sent again with different content' });
    for (const [id, hash] of knownHash) {
      if (hashes.get(id) !== hash) edited(records.find((x) => x.id === id)!);
    }
    const fresh = records.filter((r) => !knownHash.has(r.id));
    if (fresh.length) {
      const checked = checkChain(fresh, tipSeq, tipHash, (r) => hashes.get(r.id) ?? hashRecord(r));
      for (const p of checked.problems) {
        if (p.kind === 'gap') {
          const reorder = p.gotSeq <= tipSeq;
          flags.push({
            kind: reorder ? 'reorder' : 'gap',
            seq: p.gotSeq,
            recordId: p.recordId,
            detail: reorder ? `record seq ${p.gotSeq} arrived after seq ${tipSeq}` : `records ${p.expectedSeq}–${p.gotSeq - 1} are missing`,
          });
        } else {
          flags.push({ kind: 'broken', seq: p.seq, recordId: p.recordId, detail: `prev does not match the hash of record ${p.seq - 1} (edited or removed)` });
        }
      }
      if (checked.tipSeq > tipSeq) {
        tipSeq = checked.tipSeq;
        tipHash = checked.tipHash;
      }
      const inserted = await insertPlays(db, fresh.map((r) => playRow(r, device, hashes.get(r.id)!, now)));
      // An id already stored under a lower seq, sent again past the tip: an edit too.
      for (const r of fresh) if (!inserted.has(r.id)) edited(r);
    }
    const last = records[records.length - 1]!;
    if (batch.head.seq === last.seq && batch.head.hash !== hashes.get(last.id)) {
      flags.push({ kind: 'broken', seq: last.seq, recordId: last.id, detail: 'the signed chain head does not match the last record' });
    }
    const status: PlayAck['chain'] = !flags.length ? 'ok' : flags.some((f) => f.kind !== 'gap') ? 'broken' : 'gap';
    for (const f of flags) {
      await db.run('INSERT INTO chain_flags (id, device_id, at, kind, seq, record_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING', [
        `${device.id}:${f.kind}:${f.recordId}`,
        device.id,
        now,
        f.kind,
        f.seq,
        f.recordId,
        f.detail,
      ]);
    }
    await db.run(
      `UPDATE devices SET chain_seq = $1, chain_hash = $2, chain_problems = chain_problems + $3,
         chain_status = CASE WHEN $4 = 'broken' OR chain_status = 'broken' THEN 'broken' WHEN $4 = 'gap' OR chain_status = 'gap' THEN 'gap' ELSE 'ok' END
       WHERE id = $5`,
      [tipSeq, tipHash, flags.length, status, device.id],
    );
    return { accepted: ids, chain: status };
  });
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

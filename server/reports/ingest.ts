import { createHash, verify } from 'node:crypto';
import { canonicalJson } from '../../playlists/canonical-json.ts';
import { chainHeadMessage, checkChain } from '../../playlists/chain.ts';
import { decodeBase64 } from '../../playlists/base64.ts';
import { keyIdOf } from '../../playlists/keys.ts';
import type { EventBatch, Heartbeat, PlayAck, PlayBatch, PlayRecord } from '../../playlists/schemas/reports.ts';
import type { Command } from '../../playlists/schemas/device-api.ts';
import type { HubContext } from '../context.ts';
import type { Param } from '../db/db.ts';
import type { DeviceAuth } from '../devices/cache.ts';
import { HttpError } from '../http/errors.ts';
import { takeQueued } from './commands.ts';
import { localDay } from './days.ts';

/** recordHash() of playlists/chain.ts, with node:crypto's native sha256 (same bytes in, same hex out; tested). */
export function hashRecord(record: PlayRecord): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

const MIN_INTERVAL_MS = 5_000;
const MAX_INTERVAL_MS = 3_600_000;

/** Stores a heartbeat once (by id) and learns the screen's heartbeat interval for the online rule. */
export async function ingestHeartbeat(hub: HubContext, device: DeviceAuth, hb: Heartbeat): Promise<{ serverTime: string; commands: Command[] }> {
  const now = hub.now();
  const body = JSON.stringify(hb);
  await hub.writes.run(async (db) => {
    const inserted = await db.run('INSERT INTO heartbeats (id, device_id, received_at, body) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
      hb.id,
      device.id,
      now,
      body,
    ]);
    if (!inserted.changes) return;
    // The interval is learnt from the gap since the last heartbeat (clamped, smoothed so one late beat does not stretch the online window).
    await db.run(
      `UPDATE devices SET last_heartbeat = $1,
         hb_interval_ms = CASE WHEN last_seen IS NULL THEN hb_interval_ms
           ELSE CAST(hb_interval_ms * 0.7 + 0.3 * (CASE WHEN $2 - last_seen < $3 THEN $3 WHEN $2 - last_seen > $4 THEN $4 ELSE $2 - last_seen END) AS BIGINT) END,
         last_seen = $2
       WHERE id = $5`,
      [body, now, MIN_INTERVAL_MS, MAX_INTERVAL_MS, device.id],
    );
  });
  return { serverTime: new Date(now).toISOString(), commands: await takeQueued(hub, device.id) };
}

function verifyHead(device: DeviceAuth, batch: PlayBatch): void {
  const { head } = batch;
  const raw = device.publicKey.export({ format: 'jwk' }).x!;
  if (head.keyid !== keyIdOf(Buffer.from(raw, 'base64url'))) {
    throw new HttpError(403, 'SIGNATURE_INVALID', 'chain head is signed by a key other than the one recorded at pairing');
  }
  const ok = verify(null, chainHeadMessage(batch.deviceId, head.seq, head.hash), device.publicKey, decodeBase64(head.sig, 'head.sig'));
  if (!ok) throw new HttpError(403, 'SIGNATURE_INVALID', 'chain head signature does not verify with the device key');
}

const COLUMNS = 18;

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
    const tip = await db.get<{ chain_seq: number; chain_hash: string }>('SELECT chain_seq, chain_hash FROM devices WHERE id = $1', [device.id]);
    let tipSeq = tip!.chain_seq;
    let tipHash = tip!.chain_hash;
    // Every stored record has seq ≤ the tip, so a batch entirely past the tip (the usual case) cannot hold a retry.
    const known = records[0]!.seq > tipSeq ? [] : await db.all<{ id: string; hash: string }>(`SELECT id, hash FROM plays WHERE id IN (${ids.map((_, i) => `$${i + 1}`).join(',')})`, ids);
    const knownHash = new Map(known.map((k) => [k.id, k.hash]));
    const flags: { kind: string; seq: number; recordId: string; detail: string }[] = [];
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
      const inserted = await insertPlays(db, device, fresh, hashes, now);
      // An id already stored under a lower seq, sent again past the tip: an edit too.
      for (const r of fresh) if (!inserted.has(r.id)) edited(r);
    }
    const last = records[records.length - 1]!;
    if (batch.head.seq === last.seq && batch.head.hash !== hashes.get(last.id)) {
      flags.push({ kind: 'broken', seq: last.seq, recordId: last.id, detail: 'the signed chain head does not match the last record' });
    }
    let status: PlayAck['chain'] = 'ok';
    if (flags.length) {
      status = flags.some((f) => f.kind !== 'gap') ? 'broken' : 'gap';
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

async function insertPlays(db: HubContext['db'], device: DeviceAuth, records: PlayRecord[], hashes: Map<string, string>, now: number): Promise<Set<string>> {
  const inserted = new Set<string>();
  // Chunks keep the parameter count far below both databases' limits.
  for (let start = 0; start < records.length; start += 200) {
    const chunk = records.slice(start, start + 200);
    const params: Param[] = [];
    const rows = chunk.map((r, i) => {
      const startedAt = Date.parse(r.startedAt);
      params.push(r.id, device.id, r.seq, r.channel, r.playlistVersion, r.display, r.zone, r.itemId, r.kind, r.assetSha256 ?? null, startedAt, Date.parse(r.endedAt), r.durationMs, r.outcome, r.reason ?? null, localDay(startedAt, device.timeZone), now, hashes.get(r.id)!);
      return `(${Array.from({ length: COLUMNS }, (_, c) => `$${i * COLUMNS + c + 1}`).join(',')})`;
    });
    const rowsIn = await db.all<{ id: string }>(
      `INSERT INTO plays (id, device_id, seq, channel, playlist_version, display, zone, item_id, kind, asset_sha256, started_at, ended_at, duration_ms, outcome, reason, day, received_at, hash)
       VALUES ${rows.join(',')} ON CONFLICT (id) DO NOTHING RETURNING id`,
      params,
    );
    for (const r of rowsIn) inserted.add(r.id);
  }
  return inserted;
}

export async function ingestEvents(hub: HubContext, device: DeviceAuth, batch: EventBatch): Promise<{ accepted: string[] }> {
  const cols = 12;
  const params: Param[] = [];
  const rows = batch.events.map((e, i) => {
    const at = Date.parse(e.at);
    params.push(e.id, device.id, at, localDay(at, device.timeZone), e.display, e.action, e.section ?? null, e.page ?? null, e.language ?? null, e.quiz ?? null, e.score ?? null, e.total ?? null);
    return `(${Array.from({ length: cols }, (_, c) => `$${i * cols + c + 1}`).join(',')})`;
  });
  await hub.db.run(
    `INSERT INTO interactions (id, device_id, at, day, display, action, section, page, language, quiz, score, total) VALUES ${rows.join(',')} ON CONFLICT (id) DO NOTHING`,
    params,
  );
  return { accepted: batch.events.map((e) => e.id) };
}

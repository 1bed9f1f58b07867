/** The soak's verdict: what the glass showed, what the hub holds against what the page started, memory, disk. */
import pg from 'pg';
import { INTRUDER } from './channel.ts';
import type { FaultKind } from './faults.ts';
import { SAMPLE_FPS, memorySlopes, type DiskSample, type MemorySample, type Sample } from './observe.ts';
import { HOUR, QUOTAS } from './stack.ts';

export interface FaultRecord {
  hour: number;
  kind: FaultKind;
  /** Real ms. */
  from: number;
  to: number;
}

/** Seconds after a fault ends that its effects may still show (a restarted Chromium, a refetch). */
const GRACE_MS = 20_000;
const LOCAL_OFFSET = 7 * HOUR; // Asia/Ho_Chi_Minh, no DST

export function blackSeconds(samples: Sample[], faults: FaultRecord[], emergencies: { from: number; to: number }[], stepRealMs: number, epochReal: number) {
  const open = (sim: number) => {
    const h = new Date(sim + LOCAL_OFFSET).getUTCHours();
    return h >= 6 && h < 22;
  };
  const inEmergency = (real: number) => emergencies.some((e) => real >= e.from && real <= e.to + 5_000);
  // The renderer follows each jump of the simulated clock through the core's state stream: allow 2 s.
  const atJump = (real: number) => (real - epochReal) % stepRealMs < 2_000;
  const byFault = new Map<string, number>();
  let unexplained = 0;
  let closedBlack = 0;
  let closedLit = 0;
  let openBlack = 0;
  let edge = 0;
  const unexplainedAt: number[] = [];
  for (const s of samples) {
    const wantsPlay = open(s.sim) || inEmergency(s.real);
    if (!wantsPlay) {
      if (s.blank) closedBlack++;
      else if (!atJump(s.real)) closedLit++;
      continue;
    }
    if (!s.blank) continue;
    if (atJump(s.real)) {
      edge++;
      continue;
    }
    openBlack++;
    const cause = faults.filter((f) => f.from <= s.real && s.real <= f.to + GRACE_MS).at(-1);
    if (cause) byFault.set(cause.kind, (byFault.get(cause.kind) ?? 0) + 1);
    else {
      unexplained++;
      if (unexplainedAt.length < 20) unexplainedAt.push(s.real);
    }
  }
  const sec = (n: number) => n / SAMPLE_FPS;
  return {
    samples: samples.length,
    closedBlackSec: sec(closedBlack),
    closedLitSec: sec(closedLit),
    openBlackSec: sec(openBlack),
    atJumpBlackSec: sec(edge),
    unexplainedSec: sec(unexplained),
    unexplainedAt,
    byFault: Object.fromEntries([...byFault].map(([k, n]) => [k, sec(n)])),
    magentaFrames: samples.filter((s) => s.magenta).length,
  };
}

export async function playsVerdict(databaseUrl: string, deviceId: string, ledger: string[]) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const records = (await db.query<{ id: string; seq: string; item_id: string; channel: string; playlist_version: number; reason: string | null }>('SELECT id, seq, item_id, channel, playlist_version, reason FROM plays WHERE device_id = $1 ORDER BY seq', [deviceId])).rows;
    const device = (await db.query<{ chain_seq: string; chain_status: string; chain_problems: number }>('SELECT chain_seq, chain_status, chain_problems FROM devices WHERE id = $1', [deviceId])).rows[0];
    const published = new Set((await db.query<{ channel: string; version: number }>('SELECT channel, version FROM playlist_versions')).rows.map((r) => `${r.channel}/${r.version}`));
    const ids = new Set(records.map((r) => r.id));
    const seqs = records.map((r) => Number(r.seq));
    const contiguous = seqs.every((s, i) => s === i);
    // The last plays may still be on screen (started, not ended): not counted lost.
    const missing = ledger.filter((id) => !ids.has(id));
    const openTail = missing.filter((id) => ledger.indexOf(id) >= ledger.length - 2);
    const ledgerSet = new Set(ledger);
    return {
      started: ledger.length,
      recorded: records.length,
      lost: missing.length - openTail.length,
      lostIds: missing.filter((id) => !openTail.includes(id)).slice(0, 10),
      stillOnScreen: openTail.length,
      recordsWithoutLedger: records.filter((r) => !ledgerSet.has(r.id)).length,
      duplicateIds: records.length - ids.size,
      chain: { contiguous, lastSeq: seqs.at(-1) ?? -1, status: device?.chain_status ?? 'none', problems: device?.chain_problems ?? -1 },
      intruderRecords: records.filter((r) => r.item_id === INTRUDER).length,
      unpublishedRecords: records.filter((r) => !published.has(`${r.channel}/${r.playlist_version}`)).length,
      interrupted: records.filter((r) => r.reason === 'renderer restarted').length,
    };
  } finally {
    await db.end();
  }
}

export function quotaVerdict(disk: DiskSample[]) {
  const maxOutbox = Math.max(0, ...disk.map((d) => d.outbox));
  const maxCache = Math.max(0, ...disk.map((d) => d.cache));
  // The cache folder holds objects, tmp/ and index.json: objects and parts are what the quota counts.
  return { maxOutbox, outboxQuota: QUOTAS.outboxBytes, maxCache, cacheQuota: QUOTAS.cacheBytes, ok: maxOutbox <= QUOTAS.outboxBytes && maxCache <= QUOTAS.cacheBytes + 64 * 1024 };
}

export function memoryVerdict(samples: MemorySample[]) {
  return memorySlopes(samples).map((m) => ({ ...m, projected30DaysMb: m.perSimDay * 30 }));
}

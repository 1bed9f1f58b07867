/** The soak's verdict: what the glass showed, what the hub holds against what the page started, memory, disk. */
import pg from 'pg';
import { INTRUDER } from './channel.ts';
import type { FaultKind } from './faults.ts';
import { SAMPLE_FPS, memorySlopes, type DiskSample, type MemorySample, type Sample } from './observe.ts';
import { HOUR, QUOTAS } from './stack.ts';

export interface FaultRecord {
  hour: number;
  kind: FaultKind | 'kiosk-visit';
  /** Real ms. */
  from: number;
  to: number;
  /** Why the fault could not be injected (the hub down under an earlier fault, say): it then explains nothing. */
  failed?: string;
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
  // At opening and closing the renderer follows the jump of the simulated clock through the core's state stream: 1 s.
  const atEdge = (s: Sample) => {
    const sinceJump = (s.real - epochReal) % stepRealMs;
    return sinceJump < 1_000 && open(s.sim) !== open(s.sim - sinceJump - 1);
  };
  const causeOf = (real: number) => faults.filter((f) => f.from <= real && real <= f.to + GRACE_MS).at(-1);
  const byFault = new Map<string, number>();
  const litByFault = new Map<string, number>();
  let unexplained = 0;
  let closedBlack = 0;
  let closedLit = 0;
  let openBlack = 0;
  let edge = 0;
  const unexplainedAt: number[] = [];
  const unexplainedFrames: Sample[] = [];
  for (const s of samples) {
    const wantsPlay = open(s.sim) || inEmergency(s.real);
    if (wantsPlay === !s.blank) {
      if (s.blank) closedBlack++;
      continue;
    }
    if (atEdge(s)) {
      edge++;
      continue;
    }
    const cause = causeOf(s.real);
    if (!wantsPlay) {
      closedLit++;
      if (cause) litByFault.set(cause.kind, (litByFault.get(cause.kind) ?? 0) + 1);
      else if (unexplainedAt.length < 20) unexplainedAt.push(s.real);
      if (!cause) unexplained++;
      continue;
    }
    openBlack++;
    if (cause) byFault.set(cause.kind, (byFault.get(cause.kind) ?? 0) + 1);
    else {
      unexplained++;
      if (unexplainedAt.length < 20) unexplainedAt.push(s.real);
      if (s.png && unexplainedFrames.length < 8) unexplainedFrames.push(s);
    }
  }
  const sec = (n: number) => n / SAMPLE_FPS;
  return {
    samples: samples.length,
    closedBlackSec: sec(closedBlack),
    closedLitSec: sec(closedLit),
    openBlackSec: sec(openBlack),
    edgeSec: sec(edge),
    litByFault: Object.fromEntries([...litByFault].map(([k, n]) => [k, sec(n)])),
    unexplainedSec: sec(unexplained),
    unexplainedAt,
    unexplainedFrames,
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

import type { FinanceClipRow, FinanceReport, FinanceScreen } from '../../playlists/schemas/finance.ts';
import type { PlayOutcome } from '../../playlists/schemas/reports.ts';
import { addDays, instantOf } from '../../playlists/scheduler/zoned-time.ts';
import type { Db } from '../db/db.ts';
import { hoursLookup, screenDays, type DayFigures } from './finance-days.ts';

/**
 * The finance report's figures, computed once for JSON, XLSX and PDF.
 *
 * Plays count by the screen's own local day (`plays.day`, as every other
 * report), within [from, to]. Availability and chain flags count by instant,
 * from the hub zone's midnight before `from` to its midnight after `to`.
 * "Plays scheduled" is what the screens' schedulers started: the hub holds
 * no record of a play that a screen should have started while it was off
 * (the dark and offline time shows that), so the report says "started".
 */
export interface FinancePeriod {
  from: string;
  to: string;
  timeZone: string;
}

const n = (v: unknown) => Number(v ?? 0);

export async function financeReport(db: Db, period: FinancePeriod, department: string, now: number): Promise<FinanceReport> {
  const startsAt = instantOf(period.from, 0, period.timeZone);
  const endsAt = instantOf(addDays(period.to, 1), 0, period.timeZone);
  const rows = await clipRows(db, period);
  const screens = await screenRows(db, period, startsAt, endsAt);
  const sum = <T>(list: readonly T[], f: (x: T) => number) => list.reduce((a, x) => a + f(x), 0);
  return {
    period: { ...period, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString() },
    department,
    generatedAt: new Date(now).toISOString(),
    rows,
    screens,
    totals: {
      started: sum(rows, (r) => r.started),
      completed: sum(rows, (r) => r.completed),
      skipped: sum(rows, (r) => r.skipped),
      interrupted: sum(rows, (r) => r.interrupted),
      errors: sum(rows, (r) => r.errors),
      seconds: sum(rows, (r) => r.seconds),
      onlineSec: sum(screens, (s) => s.onlineSec),
      contentSec: sum(screens, (s) => s.contentSec),
      darkSec: sum(screens, (s) => s.darkSec ?? 0),
    },
  };
}

async function clipRows(db: Db, p: FinancePeriod): Promise<FinanceClipRow[]> {
  const counts = await db.all<Record<string, unknown>>(
    `SELECT p.device_id, COALESCE(d.name, p.device_id) AS device_name, p.channel, p.item_id, COUNT(*) AS started,
       SUM(CASE WHEN outcome = 'completed' THEN 1 ELSE 0 END) AS completed, SUM(CASE WHEN outcome = 'skipped' THEN 1 ELSE 0 END) AS skipped,
       SUM(CASE WHEN outcome = 'interrupted' THEN 1 ELSE 0 END) AS interrupted, SUM(CASE WHEN outcome = 'error' THEN 1 ELSE 0 END) AS errors,
       CAST(SUM(duration_ms) / 1000 AS BIGINT) AS seconds
     FROM plays p LEFT JOIN devices d ON d.id = p.device_id WHERE p.day >= $1 AND p.day <= $2
     GROUP BY p.device_id, d.name, p.channel, p.item_id ORDER BY device_name, p.device_id, p.channel, p.item_id`,
    [p.from, p.to],
  );
  const reasons = await db.all<{ device_id: string; channel: string; item_id: string; outcome: PlayOutcome; reason: string | null; plays: unknown }>(
    `SELECT device_id, channel, item_id, outcome, reason, COUNT(*) AS plays FROM plays WHERE day >= $1 AND day <= $2 AND outcome <> 'completed'
     GROUP BY device_id, channel, item_id, outcome, reason ORDER BY plays DESC, outcome, reason`,
    [p.from, p.to],
  );
  const key = (d: unknown, c: unknown, i: unknown) => `${String(d)}\u0000${String(c)}\u0000${String(i)}`;
  const byRow = Map.groupBy(reasons, (r) => key(r.device_id, r.channel, r.item_id));
  return counts.map((c) => ({
    deviceId: String(c.device_id),
    deviceName: String(c.device_name),
    channel: String(c.channel),
    itemId: String(c.item_id),
    started: n(c.started),
    completed: n(c.completed),
    skipped: n(c.skipped),
    interrupted: n(c.interrupted),
    errors: n(c.errors),
    seconds: n(c.seconds),
    reasons: (byRow.get(key(c.device_id, c.channel, c.item_id)) ?? []).map((r) => ({ outcome: r.outcome, reason: r.reason, plays: n(r.plays) })),
  }));
}

async function screenRows(db: Db, p: FinancePeriod, startsAt: number, endsAt: number): Promise<FinanceScreen[]> {
  const devices = await db.all<{ id: string; name: string; time_zone: string; hb_interval_ms: unknown }>(
    'SELECT id, name, time_zone, hb_interval_ms FROM devices WHERE paired_at < $1 AND (revoked_at IS NULL OR revoked_at >= $2) ORDER BY name, id',
    [endsAt, startsAt],
  );
  const flags = await db.all<{ device_id: string; kind: string; n: unknown }>('SELECT device_id, kind, COUNT(*) AS n FROM chain_flags WHERE at >= $1 AND at < $2 GROUP BY device_id, kind', [startsAt, endsAt]);
  const records = await db.all<{ device_id: string; n: unknown; first: unknown; last: unknown }>(
    'SELECT device_id, COUNT(*) AS n, MIN(seq) AS first, MAX(seq) AS last FROM plays WHERE day >= $1 AND day <= $2 GROUP BY device_id',
    [p.from, p.to],
  );
  const hours = hoursLookup(db);
  const out: FinanceScreen[] = [];
  for (const d of devices) {
    const days = await screenDays(db, d, p.from, p.to, p.timeZone, hours);
    const total = (f: (x: DayFigures) => number) => days.reduce((a, x) => a + f(x), 0);
    const dark = days.some((x) => x.darkMs !== null) ? total((x) => x.darkMs ?? 0) : null;
    const kinds = Object.fromEntries(flags.filter((f) => f.device_id === d.id).map((f) => [f.kind, n(f.n)]));
    const r = records.find((x) => x.device_id === d.id);
    out.push({
      deviceId: d.id,
      deviceName: d.name,
      timeZone: d.time_zone,
      periodSec: Math.round((endsAt - startsAt) / 1000),
      onlineSec: Math.round(total((x) => x.onlineMs) / 1000),
      contentSec: Math.round(total((x) => x.contentMs) / 1000),
      darkSec: dark === null ? null : Math.round(dark / 1000),
      heartbeats: total((x) => x.heartbeats),
      chain: { status: chainStatus(kinds), flags: kinds, records: n(r?.n), firstSeq: r ? n(r.first) : null, lastSeq: r ? n(r.last) : null },
    });
  }
  return out;
}

/** As ingest keeps a device's status: broken (edit, reorder, broken link) > refused > gap > ok. */
function chainStatus(kinds: Record<string, number>): FinanceScreen['chain']['status'] {
  if (kinds.broken || kinds.edit || kinds.reorder) return 'broken';
  if (kinds.refused) return 'refused';
  return kinds.gap ? 'gap' : 'ok';
}

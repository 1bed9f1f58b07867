import type { z } from 'zod';
import type { PlayOutcome } from '../../playlists/schemas/reports.ts';
import type { InteractionFilter, PlaybackHealth, PlayFilter } from '../../playlists/schemas/operator-api.ts';
import type { Db, Param } from '../db/db.ts';
import { localDay } from './days.ts';

export { InteractionFilter, PlayFilter } from '../../playlists/schemas/operator-api.ts';

export function filterFromQuery(params: URLSearchParams): unknown {
  const out: Record<string, string> = {};
  for (const key of ['from', 'to', 'channel', 'device', 'display', 'item', 'outcome', 'group']) {
    const v = params.get(key);
    if (v !== null && v !== '') out[key] = v;
  }
  return out;
}

function where(f: PlayFilter): { sql: string; params: Param[] } {
  const parts: string[] = [];
  const params: Param[] = [];
  const add = (clause: string, value: string) => {
    params.push(value);
    parts.push(clause.replace('?', `$${params.length}`));
  };
  if (f.from) add('day >= ?', f.from);
  if (f.to) add('day <= ?', f.to);
  if (f.channel) add('channel = ?', f.channel);
  if (f.device) add('device_id = ?', f.device);
  if (f.display) add('display = ?', f.display);
  if (f.item) add('item_id = ?', f.item);
  if (f.outcome) add('outcome = ?', f.outcome);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

// Column names come from this fixed map, never from input.
const GROUP_COLUMN = { item: 'item_id', channel: 'channel', device: 'device_id', display: 'display', day: 'day' } as const;

/** Plays by outcome: "38 plays, 13 completed" says nothing until the other 25 are counted by what happened to them. */
const BY_OUTCOME = `COUNT(*) AS plays,
       CAST(SUM(CASE WHEN outcome = 'completed' THEN 1 ELSE 0 END) AS BIGINT) AS completed,
       CAST(SUM(CASE WHEN outcome = 'interrupted' THEN 1 ELSE 0 END) AS BIGINT) AS interrupted,
       CAST(SUM(CASE WHEN outcome = 'skipped' THEN 1 ELSE 0 END) AS BIGINT) AS skipped,
       CAST(SUM(CASE WHEN outcome = 'error' THEN 1 ELSE 0 END) AS BIGINT) AS errors,
       CAST(SUM(duration_ms) / 1000 AS BIGINT) AS seconds`;

export interface OutcomeCounts {
  plays: number;
  completed: number;
  interrupted: number;
  skipped: number;
  errors: number;
  seconds: number;
}

export interface GroupRow extends OutcomeCounts {
  key: string;
}

export async function playsGrouped(db: Db, f: PlayFilter): Promise<GroupRow[]> {
  const col = GROUP_COLUMN[f.group];
  const w = where(f);
  return db.all<GroupRow>(`SELECT ${col} AS key, ${BY_OUTCOME} FROM plays ${w.sql} GROUP BY ${col} ORDER BY ${col} LIMIT 1000`, w.params);
}

export interface ReasonRow {
  outcome: PlayOutcome;
  reason: string | null;
  plays: number;
}

/** Why plays did not complete (skipped, error, interrupted), most frequent first. */
export async function playReasons(db: Db, f: PlayFilter): Promise<ReasonRow[]> {
  const w = where(f);
  return db.all<ReasonRow>(
    `SELECT outcome, reason, COUNT(*) AS plays FROM plays ${w.sql ? `${w.sql} AND` : 'WHERE'} outcome <> 'completed'
     GROUP BY outcome, reason ORDER BY plays DESC, outcome, reason LIMIT 50`,
    w.params,
  );
}

export interface DetailRow {
  day: string;
  device_id: string;
  display: string;
  channel: string;
  item_id: string;
  outcome: string;
  reason: string | null;
  plays: number;
  seconds: number;
}

/** Proof of play per day, screen, display, channel, item, outcome and reason: the rows of the CSV export. */
export async function playsDetail(db: Db, f: PlayFilter): Promise<DetailRow[]> {
  const w = where(f);
  return db.all<DetailRow>(
    `SELECT day, device_id, display, channel, item_id, outcome, reason, COUNT(*) AS plays, CAST(SUM(duration_ms) / 1000 AS BIGINT) AS seconds
     FROM plays ${w.sql} GROUP BY day, device_id, display, channel, item_id, outcome, reason
     ORDER BY day, device_id, display, channel, item_id, outcome, reason LIMIT 100000`,
    w.params,
  );
}

/** RFC 4180, and cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas. */
export function toCsv(rows: readonly DetailRow[]): string {
  const cell = (v: string | number | null) => {
    let s = v === null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = ['day,device,display,channel,item,outcome,reason,plays,seconds'];
  for (const r of rows) lines.push([r.day, r.device_id, r.display, r.channel, r.item_id, r.outcome, r.reason, r.plays, r.seconds].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export const HEALTH_WINDOW_MS = 24 * 3_600_000;

/** PlaybackHealth (playlists/schemas/operator-api.ts) per device (all devices, or one), from the plays that ended within the window. */
export async function playbackHealth(db: Db, now: number, deviceId?: string): Promise<Map<string, PlaybackHealth>> {
  const since = now - HEALTH_WINDOW_MS;
  // `day` is the screen's local day; two UTC days back covers every zone and lets the day index narrow the scan.
  const params: Param[] = [localDay(since - HEALTH_WINDOW_MS, 'UTC'), since];
  const one = deviceId === undefined ? '' : ` AND device_id = $${params.push(deviceId)}`;
  const window = `day >= $1 AND ended_at >= $2${one}`;
  const counts = await db.all<{ device_id: string } & Pick<OutcomeCounts, 'plays' | 'skipped' | 'errors'>>(`SELECT device_id, ${BY_OUTCOME} FROM plays WHERE ${window} GROUP BY device_id`, params);
  const last = await db.all<{ device_id: string; ended_at: number; display: string; item_id: string; outcome: 'skipped' | 'error'; reason: string | null }>(
    `SELECT p.device_id, p.ended_at, p.display, p.item_id, p.outcome, p.reason FROM plays p
     JOIN (SELECT device_id, MAX(ended_at) AS t FROM plays WHERE ${window} AND outcome IN ('skipped', 'error') GROUP BY device_id) m
       ON m.device_id = p.device_id AND m.t = p.ended_at
     WHERE p.outcome IN ('skipped', 'error')`,
    params,
  );
  const out = new Map<string, PlaybackHealth>();
  for (const c of counts) {
    const problems = Number(c.skipped) + Number(c.errors);
    const l = last.find((x) => x.device_id === c.device_id);
    out.set(c.device_id, {
      since: new Date(since).toISOString(),
      plays: Number(c.plays),
      skipped: Number(c.skipped),
      errors: Number(c.errors),
      lastProblem: l ? { at: new Date(Number(l.ended_at)).toISOString(), display: l.display, itemId: l.item_id, outcome: l.outcome, reason: l.reason } : null,
      warning: problems >= 3 || (problems > 0 && problems / Number(c.plays) >= 0.1),
    });
  }
  return out;
}

export async function interactionStats(db: Db, f: z.infer<typeof InteractionFilter>) {
  const parts: string[] = [];
  const params: Param[] = [];
  if (f.from) parts.push(`day >= $${params.push(f.from)}`);
  if (f.to) parts.push(`day <= $${params.push(f.to)}`);
  if (f.device) parts.push(`device_id = $${params.push(f.device)}`);
  const w = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  const byAction = await db.all<{ action: string; n: number }>(`SELECT action, COUNT(*) AS n FROM interactions ${w} GROUP BY action ORDER BY n DESC`, params);
  const bySection = await db.all<{ section: string; n: number }>(
    `SELECT section, COUNT(*) AS n FROM interactions ${w ? `${w} AND` : 'WHERE'} section IS NOT NULL GROUP BY section ORDER BY n DESC LIMIT 20`,
    params,
  );
  const byLanguage = await db.all<{ language: string; n: number }>(
    `SELECT language, COUNT(*) AS n FROM interactions ${w ? `${w} AND` : 'WHERE'} language IS NOT NULL GROUP BY language ORDER BY n DESC LIMIT 20`,
    params,
  );
  return { byAction, bySection, byLanguage };
}

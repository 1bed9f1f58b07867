import type { z } from 'zod';
import type { InteractionFilter, PlayFilter } from '../../playlists/schemas/operator-api.ts';
import type { Db, Param } from '../db/db.ts';

export { InteractionFilter, PlayFilter } from '../../playlists/schemas/operator-api.ts';

export function filterFromQuery(params: URLSearchParams): unknown {
  const out: Record<string, string> = {};
  for (const key of ['from', 'to', 'channel', 'device', 'item', 'group']) {
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
  if (f.item) add('item_id = ?', f.item);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

// Column names come from this fixed map, never from input.
const GROUP_COLUMN = { item: 'item_id', channel: 'channel', device: 'device_id', day: 'day' } as const;

export interface GroupRow {
  key: string;
  plays: number;
  completed: number;
  seconds: number;
}

export async function playsGrouped(db: Db, f: PlayFilter): Promise<GroupRow[]> {
  const col = GROUP_COLUMN[f.group];
  const w = where(f);
  return db.all<GroupRow>(
    `SELECT ${col} AS key, COUNT(*) AS plays,
       CAST(SUM(CASE WHEN outcome = 'completed' THEN 1 ELSE 0 END) AS BIGINT) AS completed,
       CAST(SUM(duration_ms) / 1000 AS BIGINT) AS seconds
     FROM plays ${w.sql} GROUP BY ${col} ORDER BY ${col} LIMIT 1000`,
    w.params,
  );
}

export interface DetailRow {
  day: string;
  device_id: string;
  channel: string;
  item_id: string;
  plays: number;
  completed: number;
  seconds: number;
}

/** Proof of play per day, screen, channel and item: the rows of the CSV export. */
export async function playsDetail(db: Db, f: PlayFilter): Promise<DetailRow[]> {
  const w = where(f);
  return db.all<DetailRow>(
    `SELECT day, device_id, channel, item_id, COUNT(*) AS plays,
       CAST(SUM(CASE WHEN outcome = 'completed' THEN 1 ELSE 0 END) AS BIGINT) AS completed,
       CAST(SUM(duration_ms) / 1000 AS BIGINT) AS seconds
     FROM plays ${w.sql} GROUP BY day, device_id, channel, item_id ORDER BY day, device_id, channel, item_id LIMIT 100000`,
    w.params,
  );
}

/** RFC 4180, and cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas. */
export function toCsv(rows: readonly DetailRow[]): string {
  const cell = (v: string | number) => {
    let s = String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = ['day,device,channel,item,plays,completed,seconds'];
  for (const r of rows) lines.push([r.day, r.device_id, r.channel, r.item_id, r.plays, r.completed, r.seconds].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
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

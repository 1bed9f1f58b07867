import { z } from 'zod';
import { parseJson, parseJsonText } from '../../playlists/parse.ts';
import { Envelope } from '../../playlists/schemas/envelope.ts';
import { OperatingHours, OperatingHoursList } from '../../playlists/schemas/schedule.ts';
import { addDays, instantOf } from '../../playlists/scheduler/zoned-time.ts';
import type { Db } from '../db/db.ts';
import { localDay } from './days.ts';
import { availability, type Beat } from './finance-availability.ts';

/**
 * A screen's availability per day of the hub's zone. Heartbeats are kept 14
 * days (server/hub.ts, prune), so before they go each complete day is rolled
 * up into availability_days; the report reads a rolled-up day from there and
 * any other day from the heartbeats themselves. A day is summed exactly as
 * the whole period would be (a beat's reach is cut at midnight), so the two
 * agree to the millisecond.
 */
export interface DayFigures {
  onlineMs: number;
  contentMs: number;
  darkMs: number | null;
  heartbeats: number;
}

export interface ScreenRow {
  id: string;
  time_zone: string;
  hb_interval_ms: unknown;
}

const n = (v: unknown) => Number(v ?? 0);

/** Only the operating hours of a stored playlist: the report reads, it never re-checks signatures. */
const HoursOf = z.looseObject({ schedule: z.looseObject({ operatingHours: z.array(OperatingHours).optional() }) });

/** The fields of a stored heartbeat the report needs, read by the database (the body is JSON text on both). */
function beatColumns(db: Db): string {
  return db.kind === 'sqlite'
    ? "received_at, json_array_length(body, '$.nowPlaying') AS showing, json_extract(body, '$.playlist.channel') AS channel, json_extract(body, '$.playlist.version') AS version, json_extract(body, '$.settings.operatingHours') AS screen_hours"
    : "received_at, json_array_length(CAST(body AS json)->'nowPlaying') AS showing, CAST(body AS json)->'playlist'->>'channel' AS channel, CAST(body AS json)->'playlist'->>'version' AS version, CAST(body AS json)->'settings'->>'operatingHours' AS screen_hours";
}

/**
 * The screen's own hours a beat reported applied (JSON text on both
 * databases); none when absent or unreadable. A screen reports the same text
 * in every beat of a month (about 43,000), so each text is parsed once per
 * report (`seen`).
 */
function screenHoursOf(text: unknown, seen: Map<string, OperatingHours[] | undefined>): OperatingHours[] | undefined {
  if (typeof text !== 'string') return undefined;
  if (!seen.has(text)) {
    let hours: OperatingHours[] | undefined;
    try {
      hours = OperatingHoursList.safeParse(parseJsonText(text, 'heartbeat operating hours')).data;
    } catch {
      hours = undefined;
    }
    seen.set(text, hours);
  }
  return seen.get(text);
}

/** Operating hours per published playlist version, each read once per report. */
export function hoursLookup(db: Db): (channel: unknown, version: unknown) => Promise<Beat['hours']> {
  const cache = new Map<string, Beat['hours']>();
  return async (channel, version) => {
    if (channel === null || channel === undefined || version === null || version === undefined) return null;
    const k = `${String(channel)}@${String(version)}`;
    if (!cache.has(k)) {
      const row = await db.get<{ envelope: string }>('SELECT envelope FROM playlist_versions WHERE channel = $1 AND version = $2', [String(channel), Number(version)]);
      let hours: Beat['hours'] = null;
      if (row) {
        const env = parseJson(Envelope, row.envelope, 'stored envelope');
        hours = parseJson(HoursOf, Buffer.from(env.payload, 'base64').toString('utf8'), 'stored playlist').schedule.operatingHours;
      }
      cache.set(k, hours);
    }
    return cache.get(k);
  };
}

/** One screen's [start, end) from its stored heartbeats (and the one just before, which may reach into it). */
export async function fromHeartbeats(db: Db, screen: ScreenRow, start: number, end: number, hours: ReturnType<typeof hoursLookup>): Promise<DayFigures> {
  const before = await db.all<Record<string, unknown>>(`SELECT ${beatColumns(db)} FROM heartbeats WHERE device_id = $1 AND received_at < $2 ORDER BY received_at DESC LIMIT 1`, [screen.id, start]);
  const within = await db.all<Record<string, unknown>>(`SELECT ${beatColumns(db)} FROM heartbeats WHERE device_id = $1 AND received_at >= $2 AND received_at < $3 ORDER BY received_at`, [screen.id, start, end]);
  const beats: Beat[] = [];
  const seen = new Map<string, OperatingHours[] | undefined>();
  for (const b of [...before, ...within]) beats.push({ at: n(b.received_at), showing: n(b.showing) > 0, hours: await hours(b.channel, b.version), screenHours: screenHoursOf(b.screen_hours, seen) });
  const a = availability(beats, n(screen.hb_interval_ms), start, end, screen.time_zone);
  return { ...a, heartbeats: within.length };
}

/** The days of [from, to] (YYYY-MM-DD, inclusive). */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** A screen's days of a period: rolled-up days from availability_days, the rest from heartbeats. */
export async function screenDays(db: Db, screen: ScreenRow, from: string, to: string, timeZone: string, hours: ReturnType<typeof hoursLookup>): Promise<DayFigures[]> {
  const rolled = await db.all<{ day: string; online_ms: unknown; content_ms: unknown; dark_ms: unknown; heartbeats: unknown }>(
    'SELECT day, online_ms, content_ms, dark_ms, heartbeats FROM availability_days WHERE device_id = $1 AND day >= $2 AND day <= $3',
    [screen.id, from, to],
  );
  const byDay = new Map(rolled.map((r) => [r.day, r]));
  const out: DayFigures[] = [];
  for (const day of daysOf(from, to)) {
    const r = byDay.get(day);
    out.push(
      r
        ? { onlineMs: n(r.online_ms), contentMs: n(r.content_ms), darkMs: r.dark_ms === null ? null : n(r.dark_ms), heartbeats: n(r.heartbeats) }
        : await fromHeartbeats(db, screen, instantOf(day, 0, timeZone), instantOf(addDays(day, 1), 0, timeZone), hours),
    );
  }
  return out;
}

/**
 * Rolls up every complete day (hub zone) whose heartbeats are all still held:
 * from the day after the one holding `cutoff` (older beats are being pruned)
 * up to yesterday, skipping days already rolled up. A past day never changes:
 * the hub stamps heartbeats with its own clock on arrival.
 */
export async function rollUpDays(db: Db, timeZone: string, now: number, cutoff: number): Promise<number> {
  const screens = await db.all<ScreenRow & { paired_at: unknown }>('SELECT id, time_zone, hb_interval_ms, paired_at FROM devices');
  const hours = hoursLookup(db);
  const yesterday = addDays(localDay(now, timeZone), -1);
  const first = addDays(localDay(cutoff, timeZone), 1);
  let rolled = 0;
  for (const s of screens) {
    const last = await db.get<{ day: string | null }>('SELECT MAX(day) AS day FROM availability_days WHERE device_id = $1', [s.id]);
    const paired = localDay(n(s.paired_at), timeZone);
    const start = [first, paired, last?.day ? addDays(last.day, 1) : first].sort().at(-1)!;
    for (const day of daysOf(start, yesterday)) {
      const f = await fromHeartbeats(db, s, instantOf(day, 0, timeZone), instantOf(addDays(day, 1), 0, timeZone), hours);
      await db.run('INSERT INTO availability_days (device_id, day, online_ms, content_ms, dark_ms, heartbeats) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (device_id, day) DO NOTHING', [
        s.id,
        day,
        f.onlineMs,
        f.contentMs,
        f.darkMs,
        f.heartbeats,
      ]);
      rolled++;
    }
  }
  return rolled;
}

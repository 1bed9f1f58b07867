import { instantOf, localMoment, nextChange, whatPlays, type DisplayTarget, type Plan } from '../../../playlists/scheduler/index.ts';
import { Layout } from '../../../playlists/schemas/layouts.ts';
import type { Playlist } from '../../../playlists/schemas/playlist.ts';
import { Schedule } from '../../../playlists/schemas/schedule.ts';

/**
 * What the week calendar and the preview's timeline draw, computed by the
 * screens' own scheduler (whatPlays / nextChange): never a second reading
 * of the schedule rules.
 */
export interface Block {
  /** 0 = the first day asked for. */
  day: number;
  /** Minutes since local midnight, end exclusive (1440 = midnight). */
  start: number;
  end: number;
  plan: Plan;
}

/** The parts of a draft the scheduler reads, parsed with their schemas; null while the schedule itself is invalid. */
export function schedulable(draft: Record<string, unknown>): Playlist | null {
  const schedule = Schedule.safeParse(draft.schedule);
  if (!schedule.success) return null;
  const layouts: Record<string, Layout> = {};
  for (const [id, raw] of Object.entries((draft.layouts ?? {}) as Record<string, unknown>)) {
    const layout = Layout.safeParse(raw);
    if (layout.success) layouts[id] = layout.data;
  }
  return { schedule: schedule.data, layouts } as unknown as Playlist;
}

export const addDays = (date: string, n: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** Monday of the week holding `date` (YYYY-MM-DD). */
export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** Blocks of `days` days from `firstDay` 00:00 in `zone`, split at each local midnight. */
export function planBlocks(playlist: Playlist, firstDay: string, days: number, zone: string, display: DisplayTarget): Block[] {
  const start = instantOf(firstDay, 0, zone);
  const end = instantOf(addDays(firstDay, days), 0, zone);
  const blocks: Block[] = [];
  const dayIndex = (date: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${firstDay}T00:00:00Z`)) / 86_400_000);
  for (let t = start; t < end; ) {
    const plan = whatPlays(playlist, new Date(t), zone, display);
    const change = nextChange(playlist, new Date(t), zone, display);
    const until = change === null ? end : Math.min(change.getTime(), end);
    // Split [t, until) at local midnights.
    for (let from = t; from < until; ) {
      const at = localMoment(from, zone);
      const midnight = instantOf(addDays(at.date, 1), 0, zone);
      const to = Math.min(until, midnight);
      const endMinute = to === midnight ? 1440 : localMoment(to, zone).minute;
      blocks.push({ day: dayIndex(at.date), start: at.minute, end: endMinute, plan });
      from = to;
    }
    t = until;
  }
  return blocks;
}

export const hhmm = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

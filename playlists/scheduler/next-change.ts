import type { Playlist } from '../schemas/playlist.ts';
import { planKey, scheduleZone, whatPlays, type DisplayTarget, type ScreenHours } from './what-plays.ts';
import { addDays, dayNumber, instantOf, localMoment, minutesOf, offsetAt, offsetChanges, wallOf } from './zoned-time.ts';

/** How far ahead nextChange looks; beyond it the app simply asks again then. */
export const HORIZON_DAYS = 400;

/**
 * The wall-clock minutes at which any answer can change: midnight (dates,
 * weekdays, themes) and every window and operating-hours edge.
 */
function edgeMinutes(windows: readonly { start: string; end: string }[]): number[] {
  const set = new Set<number>([0]);
  const add = (t: string) => set.add(minutesOf(t) % 1440);
  for (const w of windows) {
    add(w.start);
    add(w.end);
  }
  return [...set].sort((a, b) => a - b);
}

/** The instants of local `day` in `zone` whose wall time is one of `minutes`, twice where a fall-back hour replays them. */
function wallInstants(day: string, minutes: number[], zone: string): number[] {
  const out = minutes.map((m) => instantOf(day, m, zone));
  const dayStart = instantOf(day, 0, zone);
  const dayEnd = instantOf(addDays(day, 1), 0, zone);
  for (const change of offsetChanges(dayStart, dayEnd, zone)) {
    out.push(change);
    // Wall times after the change that already happened once today (fall back) happen again.
    const offset = offsetAt(change, zone);
    for (const m of minutes) {
      const wall = dayNumber(day) * 86_400_000 + m * 60_000;
      const t = wall - offset;
      if (t >= change && wallOf(t, zone) === wall) out.push(t);
    }
  }
  return out;
}

/**
 * The first instant after `now` at which whatPlays gives another answer, or
 * null when nothing changes within HORIZON_DAYS. The app sets one timer for it.
 * The screen's own hours add their edges, in the screen's zone.
 */
export function nextChange(playlist: Playlist, now: Date, timeZone: string, display: DisplayTarget, screenHours?: ScreenHours): Date | null {
  const zone = scheduleZone(playlist, timeZone);
  const t0 = now.getTime();
  const current = planKey(whatPlays(playlist, now, timeZone, display, screenHours));
  const windows = [...playlist.schedule.entries.flatMap((e) => e.windows ?? []), ...(playlist.schedule.operatingHours ?? [])];
  // In one zone the screen's edges are more wall minutes; a schedule pinned to another zone reads them apart.
  const apart = screenHours !== undefined && timeZone !== zone;
  const minutes = edgeMinutes(apart ? windows : [...windows, ...(screenHours ?? [])]);
  const screenMinutes = apart ? edgeMinutes(screenHours) : [];
  let day = localMoment(t0, zone).date;
  for (let i = 0; i <= HORIZON_DAYS; i++, day = addDays(day, 1)) {
    const candidates = wallInstants(day, minutes, zone);
    if (apart) {
      // The screen zone's days that overlap this day of the schedule's zone, kept to this day so days stay in order.
      const [from, to] = [instantOf(day, 0, zone), instantOf(addDays(day, 1), 0, zone)];
      for (const d of [-1, 0, 1]) candidates.push(...wallInstants(addDays(day, d), screenMinutes, timeZone).filter((t) => t >= from && t < to));
    }
    for (const t of [...new Set(candidates)].sort((a, b) => a - b)) {
      if (t <= t0) continue;
      if (planKey(whatPlays(playlist, new Date(t), timeZone, display, screenHours)) !== current) return new Date(t);
    }
  }
  return null;
}

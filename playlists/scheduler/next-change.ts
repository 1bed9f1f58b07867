import type { Playlist } from '../schemas/playlist.ts';
import { planKey, scheduleZone, whatPlays, type DisplayTarget } from './what-plays.ts';
import { addDays, dayNumber, instantOf, localMoment, minutesOf, offsetAt, offsetChanges, wallOf } from './zoned-time.ts';

/** How far ahead nextChange looks; beyond it the app simply asks again then. */
export const HORIZON_DAYS = 400;

/**
 * The wall-clock minutes at which any answer can change: midnight (dates,
 * weekdays, themes) and every window and operating-hours edge.
 */
function edgeMinutes(playlist: Playlist): number[] {
  const set = new Set<number>([0]);
  const add = (t: string) => set.add(minutesOf(t) % 1440);
  const edges = [...playlist.schedule.entries.flatMap((e) => e.windows ?? []), ...(playlist.schedule.operatingHours ?? [])];
  for (const w of edges) {
    add(w.start);
    add(w.end);
  }
  return [...set].sort((a, b) => a - b);
}

/**
 * The first instant after `now` at which whatPlays gives another answer, or
 * null when nothing changes within HORIZON_DAYS. The app sets one timer for it.
 */
export function nextChange(playlist: Playlist, now: Date, timeZone: string, display: DisplayTarget): Date | null {
  const zone = scheduleZone(playlist, timeZone);
  const t0 = now.getTime();
  const current = planKey(whatPlays(playlist, now, timeZone, display));
  const minutes = edgeMinutes(playlist);
  let day = localMoment(t0, zone).date;
  for (let i = 0; i <= HORIZON_DAYS; i++, day = addDays(day, 1)) {
    const candidates = minutes.map((m) => instantOf(day, m, zone));
    // A fall-back hour replays wall times: its transition can re-enter a window.
    const dayStart = instantOf(day, 0, zone);
    const dayEnd = instantOf(addDays(day, 1), 0, zone);
    for (const change of offsetChanges(dayStart, dayEnd, zone)) {
      candidates.push(change);
      // Wall times after the change that already happened once today (fall back) happen again.
      const offset = offsetAt(change, zone);
      for (const m of minutes) {
        const wall = dayNumber(day) * 86_400_000 + m * 60_000;
        const t = wall - offset;
        if (t >= change && wallOf(t, zone) === wall) candidates.push(t);
      }
    }
    for (const t of [...new Set(candidates)].sort((a, b) => a - b)) {
      if (t <= t0) continue;
      if (planKey(whatPlays(playlist, new Date(t), timeZone, display)) !== current) return new Date(t);
    }
  }
  return null;
}

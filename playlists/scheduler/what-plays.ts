import type { Layout } from '../schemas/layouts.ts';
import type { Playlist } from '../schemas/playlist.ts';
import type { LayoutRef, OperatingHours, ScheduleEntry, TimeWindow, ZoneContent } from '../schemas/schedule.ts';
import { EMERGENCY_CHANNEL } from '../trust-emergency.ts';
import { addDays, dayNumber, localMoment, minutesOf, weekdayOf, type LocalMoment } from './zoned-time.ts';

/** What the scheduler needs to know about a display. */
export interface DisplayTarget {
  id: string;
  orientation: 'landscape' | 'portrait';
}

/** What a display shows at one instant. */
export type Plan =
  | { kind: 'black' }
  | { kind: 'idle' }
  | {
      kind: 'play';
      /** The matching entry; null when the schedule's fallback plays. */
      entry: ScheduleEntry | null;
      layoutId: string;
      layout: Layout;
      content: ZoneContent;
      interrupt: boolean;
    };

/** A short key that changes exactly when the plan changes. */
export function planKey(plan: Plan): string {
  if (plan.kind !== 'play') return plan.kind;
  return `play:${plan.entry?.id ?? '(fallback)'}:${plan.layoutId}`;
}

/** The zone the schedule is read in: a pinned schedule zone beats the screen's own. */
export function scheduleZone(playlist: Playlist, screenZone: string): string {
  return playlist.schedule.timeZone ?? screenZone;
}

/**
 * Which day a window "belongs" to at this moment, or null when outside it.
 * A window crossing midnight (22:00–02:00) belongs to the day it starts on,
 * so "Fridays 22:00–02:00" covers Saturday 01:00.
 */
export function windowDay(w: { start: string; end: string }, at: LocalMoment): string | null {
  const s = minutesOf(w.start);
  let e = minutesOf(w.end);
  // Across midnight; equal ends are a whole day from the start (00:07–00:07 runs to 00:07 the next day).
  if (e <= s) e += 1440;
  if (at.minute >= s && at.minute < e) return at.date;
  if (at.minute + 1440 >= s && at.minute + 1440 < e) return addDays(at.date, -1);
  return null;
}

/**
 * The screen's own opening hours (its device settings: a site's opening
 * times), read in the screen's zone; undefined: no restriction from the screen.
 */
export type ScreenHours = readonly OperatingHours[] | undefined;

export function isOperating(hours: readonly OperatingHours[] | undefined, at: LocalMoment): boolean {
  if (!hours) return true;
  return hours.some((h) => {
    const day = windowDay(h, at);
    return day !== null && (!h.weekdays || h.weekdays.includes(weekdayOf(day)));
  });
}

/**
 * Whether the screen is open at `now`: inside the schedule's operating hours
 * (in the schedule's zone) AND the screen's own hours (in the screen's zone),
 * the intersection. The one rule whatPlays turns black by, core/power switches
 * the panel by and the memory guard waits for.
 */
export function operatingAt(playlist: Playlist, now: Date, timeZone: string, screenHours?: ScreenHours): boolean {
  const t = now.getTime();
  // A takeover (a typhoon warning at night on an outdoor pano) is shown whatever the site's opening hours: they save power, they must not hide a warning.
  const ownHours = playlist.channel === EMERGENCY_CHANNEL ? undefined : screenHours;
  return isOperating(playlist.schedule.operatingHours, localMoment(t, scheduleZone(playlist, timeZone))) && (!ownHours || isOperating(ownHours, localMoment(t, timeZone)));
}

export function themeOn(playlist: Playlist, date: string): string | undefined {
  const rot = playlist.schedule.themes;
  if (!rot) return undefined;
  const period = Math.floor((dayNumber(date) - dayNumber(rot.startsOn)) / rot.periodDays);
  const n = rot.themes.length;
  return rot.themes[((period % n) + n) % n];
}

function dayMatches(playlist: Playlist, e: ScheduleEntry, day: string): boolean {
  if (e.from !== undefined && day < e.from) return false;
  if (e.until !== undefined && day > e.until) return false;
  if (e.weekdays && !e.weekdays.includes(weekdayOf(day))) return false;
  if (e.theme !== undefined && themeOn(playlist, day) !== e.theme) return false;
  return true;
}

export function entryMatches(playlist: Playlist, e: ScheduleEntry, at: LocalMoment): boolean {
  const windows: TimeWindow[] = e.windows ?? [{ start: '00:00', end: '24:00' }];
  return windows.some((w) => {
    const day = windowDay(w, at);
    return day !== null && dayMatches(playlist, e, day);
  });
}

/**
 * The layout an entry uses on a display. An entry naming a layout per
 * orientation but none for this display's orientation does not play there
 * (its content was composed for another shape of screen); the fallback, the
 * last resort, takes whichever layout it has.
 */
export function resolveLayout(ref: LayoutRef, display: DisplayTarget, lenient: boolean): string | null {
  if (typeof ref === 'string') return ref;
  const own = ref[display.orientation];
  if (own !== undefined) return own;
  return lenient ? (ref.landscape ?? ref.portrait ?? null) : null;
}

/**
 * Pure: what plays on `display` at `now`. Interrupt entries outrank every
 * normal entry. Outside operatingAt (schedule hours ∩ the screen's own) it is
 * black; inside, the screen's hours never change what plays.
 */
export function whatPlays(playlist: Playlist, now: Date, timeZone: string, display: DisplayTarget, screenHours?: ScreenHours): Plan {
  if (!operatingAt(playlist, now, timeZone, screenHours)) return { kind: 'black' };
  const at = localMoment(now.getTime(), scheduleZone(playlist, timeZone));
  const schedule = playlist.schedule;

  let best: { entry: ScheduleEntry; layoutId: string; index: number } | null = null;
  schedule.entries.forEach((entry, index) => {
    if (entry.displays && !entry.displays.includes(display.id)) return;
    if (!entryMatches(playlist, entry, at)) return;
    const layoutId = resolveLayout(entry.layout, display, false);
    if (layoutId === null || !playlist.layouts[layoutId]) return;
    if (best === null || outranks(entry, best.entry)) best = { entry, layoutId, index };
  });
  const chosen = best as { entry: ScheduleEntry; layoutId: string } | null;
  if (chosen) {
    return {
      kind: 'play',
      entry: chosen.entry,
      layoutId: chosen.layoutId,
      layout: playlist.layouts[chosen.layoutId]!,
      content: chosen.entry.content,
      interrupt: chosen.entry.interrupt,
    };
  }
  const fb = schedule.fallback;
  if (fb) {
    const layoutId = resolveLayout(fb.layout, display, true);
    const layout = layoutId === null ? undefined : playlist.layouts[layoutId];
    if (layoutId !== null && layout) return { kind: 'play', entry: null, layoutId, layout, content: fb.content, interrupt: false };
  }
  return { kind: 'idle' };
}

/** Strictly better than the current best; entries are visited in order, so ties keep the earlier one. */
function outranks(a: ScheduleEntry, b: ScheduleEntry): boolean {
  if (a.interrupt !== b.interrupt) return a.interrupt;
  return a.priority > b.priority;
}

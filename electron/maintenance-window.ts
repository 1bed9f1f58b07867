import { z } from 'zod';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');

/** When the screen may restart to apply an update, in the screen's local time. */
export const MaintenanceWindow = z.strictObject({
  start: HHMM,
  /** Exclusive; before `start` means the window runs past midnight (22:00–02:00). */
  end: HHMM,
  /** Days the window opens (0 = Sunday), by the local date at `start`; absent = every day. */
  days: z.array(z.int().min(0).max(6)).min(1).optional(),
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function localClock(now: Date, timeZone: string): { minute: number; weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', weekday: 'short' }).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { minute: Number(get('hour')) * 60 + Number(get('minute')), weekday: WEEKDAYS.indexOf(get('weekday')) };
}

/** Whether `now` falls inside the window in IANA zone `timeZone`. Pure: time is an argument. */
export function insideWindow(now: Date, window: MaintenanceWindow, timeZone: string): boolean {
  const { minute, weekday } = localClock(now, timeZone);
  const start = minutes(window.start);
  const end = minutes(window.end);
  if (start === end) return false; // an empty window, not a 24-hour one
  let openedOn: number;
  if (start < end) {
    if (minute < start || minute >= end) return false;
    openedOn = weekday;
  } else if (minute >= start) {
    openedOn = weekday;
  } else if (minute < end) {
    openedOn = (weekday + 6) % 7; // after midnight: the window opened yesterday
  } else {
    return false;
  }
  return window.days === undefined || window.days.includes(openedOn);
}

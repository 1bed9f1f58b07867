import type { OperatingHours } from '../../playlists/schemas/schedule.ts';
import { isOperating } from '../../playlists/scheduler/what-plays.ts';
import { localMoment } from '../../playlists/scheduler/zoned-time.ts';
import { ONLINE_INTERVALS } from '../devices/fleet.ts';

export interface Beat {
  at: number;
  /** Something was on the glass (nowPlaying not empty). */
  showing: boolean;
  /** The operating hours of the playlist the beat named: undefined = always on; null = unknown to the hub. */
  hours: OperatingHours[] | undefined | null;
  /** The screen's own opening hours as the beat reported them applied (heartbeat settings); absent: none. */
  screenHours?: OperatingHours[] | undefined;
}

export interface Availability {
  onlineMs: number;
  contentMs: number;
  darkMs: number | null;
}

const MINUTE = 60_000;

/**
 * A screen's time in [start, end) from its heartbeats (sorted by time; one
 * before `start` may lead). A beat stands for the screen until the next beat,
 * at most ONLINE_INTERVALS of its interval: the rule the fleet uses for
 * "online", so the report and the fleet page agree. Dark by operating hours
 * counts every minute of the period (online or not) that the operating hours
 * of the playlist the screen last reported close, or the screen's own hours
 * (its device settings, as its beats reported them applied) close — the
 * intersection the screen goes black by; minutes before any known playlist
 * take the first one reported in the period.
 */
export function availability(beats: readonly Beat[], intervalMs: number, start: number, end: number, timeZone: string): Availability {
  let onlineMs = 0;
  let contentMs = 0;
  const reach = ONLINE_INTERVALS * intervalMs;
  beats.forEach((b, i) => {
    const next = beats[i + 1]?.at ?? Infinity;
    const from = Math.max(b.at, start);
    const to = Math.min(next, b.at + reach, end);
    if (to <= from) return;
    onlineMs += to - from;
    if (b.showing) contentMs += to - from;
  });
  return { onlineMs, contentMs, darkMs: darkByHours(beats, start, end, timeZone) };
}

function darkByHours(beats: readonly Beat[], start: number, end: number, timeZone: string): number | null {
  const known = beats.filter((b) => b.hours !== null);
  if (!known.length) return null;
  let dark = 0;
  let k = 0;
  let hours = known[0]!.hours;
  let s = 0;
  let own = beats[0]?.screenHours;
  // Minute by minute: operating hours are written in whole minutes of local time.
  for (let t = start; t < end; t += MINUTE) {
    while (k < known.length && known[k]!.at <= t) hours = known[k++]!.hours;
    while (s < beats.length && beats[s]!.at <= t) own = beats[s++]!.screenHours;
    const at = localMoment(t, timeZone);
    if ((hours && !isOperating(hours, at)) || (own && !isOperating(own, at))) dark += Math.min(MINUTE, end - t);
  }
  return dark;
}

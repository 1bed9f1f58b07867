import { useEffect, useMemo, useRef, useState } from 'react';
import type { DisplayConfig } from '../../playlists/schemas/local-api.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';
import { nextChange, planKey, whatPlays, type Plan, type ScreenHours } from '../../playlists/scheduler/index.ts';
import { now, onClockJump } from './clock.ts';

/** Longest delay setTimeout honours; later changes are re-asked when it fires. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * What plays now on this display, re-evaluated by ONE timer set for the next
 * change (never polling). The plan is derived in the same render as the
 * playlist it belongs to: a plan one render behind would name sequences the
 * new playlist may no longer have. `screenHours` (the screen's own, from its
 * device settings) black it out where the schedule's hours would not.
 */
export function usePlan(playlist: Playlist | null, timeZone: string, display: DisplayConfig, screenHours?: ScreenHours): Plan | null {
  const [tick, setTick] = useState(0);
  const previous = useRef<Plan | null>(null);
  // Every state event parses a new array: only other hours ask again.
  const hoursKey = JSON.stringify(screenHours ?? null);
  const hours = useMemo(() => screenHours, [hoursKey]);

  const plan = useMemo(() => {
    if (!playlist) return null;
    const next = whatPlays(playlist, now(), timeZone, display, hours);
    const prev = previous.current;
    // Keep the same object while nothing changed, so zones are not restarted.
    return prev && planKey(prev) === planKey(next) && samePlaylist(prev, next) ? prev : next;
    // `tick` is the timer's way of asking again.
  }, [playlist, timeZone, display, hours, tick]);
  previous.current = plan;

  // A jump of the clock makes the timer below wrong: ask again now.
  useEffect(() => onClockJump(() => setTick((t) => t + 1)), []);

  useEffect(() => {
    if (!playlist) return;
    const at = now();
    const change = nextChange(playlist, at, timeZone, display, hours);
    if (!change) return;
    const timer = setTimeout(() => setTick((t) => t + 1), Math.min(MAX_DELAY, Math.max(0, change.getTime() - at.getTime())));
    return () => clearTimeout(timer);
  }, [playlist, timeZone, display, hours, tick]);
  return plan;
}

/** A new playlist version with the same entry still gives a new plan object (its content may differ). */
function samePlaylist(a: Plan, b: Plan): boolean {
  return a.kind !== 'play' || b.kind !== 'play' || (a.layout === b.layout && a.content === b.content);
}

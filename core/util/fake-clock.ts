import type { Clock } from './clock.ts';

/**
 * A clock whose timers fire only when a test moves it (tests only): seven
 * days of heartbeats run in seconds, and nothing fires behind the test's back.
 */
export function fakeClock(start = 0) {
  let now = start;
  let timers: { at: number; ms: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++ids;
      timers.push({ at: now + Math.max(0, ms), ms, fn, id });
      return id;
    },
    clearTimeout: (h) => {
      timers = timers.filter((t) => t.id !== h);
    },
  };
  return {
    clock,
    now: () => now,
    /** Delays of the pending timers. */
    pending: () => timers.map((t) => t.at - now),
    /** Moves to the earliest timer and runs it; returns the delay it was set with, or null when none is pending. */
    fire: (): number | null => {
      const t = timers.sort((a, b) => a.at - b.at || a.id - b.id).shift();
      if (!t) return null;
      now = Math.max(now, t.at);
      t.fn();
      return t.ms;
    },
    /** Moves the time without running anything (timers that came due run on the next fire). */
    set: (ms: number) => {
      now = ms;
    },
  };
}

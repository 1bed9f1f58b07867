import type { Clock } from './clock.ts';

/**
 * How far the core's clock is from the system clock the page reads: 0 for
 * the system clock; a shifted or simulated clock otherwise (tests, the soak).
 * The renderer adds it to its own clock, so both show the same time.
 */
export function clockShift(clock: Clock): number {
  return Math.round((clock.now() - Date.now()) / 100) * 100;
}

/** Calls `onJump` when the shift moves by a second or more (a simulated hour passing, a clock-jump fault). */
export function watchClockShift(clock: Clock, onJump: () => void): () => void {
  let last = clockShift(clock);
  const timer = setInterval(() => {
    const shift = clockShift(clock);
    if (Math.abs(shift - last) < 1_000) return;
    last = shift;
    onJump();
  }, 250);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Restart delays for a process that keeps dying: grows by `factor` on each
 * quick failure, capped at `maxMs`, and forgets past failures once a run lasted
 * `resetAfterMs` (a crash a day is not a crash loop). Pure: time comes in.
 */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, resetAfterMs: 60_000 };

export interface Backoff {
  /** A run that started at `startedAt` ended at `now`: how long to wait before the next one. */
  next(startedAt: number, now: number): number;
  /** Quick failures in a row (0 after a long healthy run). */
  readonly streak: number;
}

export function createBackoff(options: BackoffOptions = DEFAULT_BACKOFF): Backoff {
  let streak = 0;
  return {
    next(startedAt, now) {
      if (now - startedAt >= options.resetAfterMs) streak = 0;
      const delay = Math.min(options.maxMs, options.initialMs * options.factor ** streak);
      streak += 1;
      return delay;
    },
    get streak() {
      return streak;
    },
  };
}

/** The corrected clock: the core tells how far the local clock is off. Read through here only. */
let offsetMs = 0;

export function setClockOffset(ms: number): void {
  const jumped = Math.abs(ms - offsetMs) >= 1_000;
  offsetMs = ms;
  if (jumped) notifyJump();
}

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/**
 * Timers set for "the next change" wait real milliseconds: when the time jumps
 * (the core corrects the clock, the system clock is set, the soak's simulated
 * hour passes), whatever was planned from the old time must be planned again.
 */
const jumpListeners = new Set<() => void>();

export function onClockJump(fn: () => void): () => void {
  jumpListeners.add(fn);
  return () => jumpListeners.delete(fn);
}

function notifyJump(): void {
  for (const fn of jumpListeners) fn();
}

// The wall clock jumping by itself (NTP, an operator): it drifts from the monotonic one.
if (typeof performance !== 'undefined' && typeof setInterval === 'function') {
  let drift = Date.now() - performance.now();
  setInterval(() => {
    const d = Date.now() - performance.now();
    if (Math.abs(d - drift) >= 1_000) notifyJump();
    drift = d;
  }, 1_000);
}

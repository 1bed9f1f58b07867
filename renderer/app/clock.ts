/** The corrected clock: the core tells how far the local clock is off. Read through here only. */
let offsetMs = 0;

export function setClockOffset(ms: number): void {
  offsetMs = ms;
}

export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

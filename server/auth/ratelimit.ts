/**
 * Fixed-window failure counter per key (IP + username): after `max` failures
 * within `windowMs` the key is refused until the window ends. In memory: a
 * restart forgets, which is acceptable for slowing down password guessing.
 */
export class FailureLimiter {
  readonly #hits = new Map<string, { count: number; resetAt: number }>();
  readonly max: number;
  readonly windowMs: number;

  constructor(max = 5, windowMs = 15 * 60_000) {
    this.max = max;
    this.windowMs = windowMs;
  }

  /** Milliseconds until the key may try again, or 0. */
  blockedFor(key: string, now: number): number {
    const entry = this.#hits.get(key);
    if (!entry || entry.resetAt <= now) return 0;
    return entry.count >= this.max ? entry.resetAt - now : 0;
  }

  fail(key: string, now: number): void {
    const entry = this.#hits.get(key);
    if (!entry || entry.resetAt <= now) this.#hits.set(key, { count: 1, resetAt: now + this.windowMs });
    else entry.count++;
    if (this.#hits.size > 10_000) for (const [k, v] of this.#hits) if (v.resetAt <= now) this.#hits.delete(k);
  }

  succeed(key: string): void {
    this.#hits.delete(key);
  }
}

import type { Clock } from '../util/clock.ts';

export interface PollerOptions {
  intervalMs: number;
  jitter: number;
  maxBackoffMs: number;
  clock: Clock;
  random?: () => number;
}

/**
 * Runs `task` every interval ± jitter; after failures, waits exponentially
 * longer (interval/4 · 2^n, capped at maxBackoffMs). `now()` runs it at once
 * (push event), without overlapping a run in progress.
 */
export class Poller {
  failures = 0;
  private timer: unknown;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly task: () => Promise<void>;
  private readonly opts: PollerOptions;
  private readonly random: () => number;

  constructor(task: () => Promise<void>, opts: PollerOptions) {
    this.task = task;
    this.opts = opts;
    this.random = opts.random ?? Math.random;
  }

  start(): void {
    this.stopped = false;
    this.now();
  }

  stop(): void {
    this.stopped = true;
    this.opts.clock.clearTimeout(this.timer);
  }

  now(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.opts.clock.clearTimeout(this.timer);
    this.running = this.task()
      .then(() => {
        this.failures = 0;
      })
      .catch(() => {
        this.failures++;
      })
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.now();
        } else this.timer = this.opts.clock.setTimeout(() => this.now(), this.nextDelay());
      });
  }

  nextDelay(): number {
    const { intervalMs, jitter, maxBackoffMs } = this.opts;
    const base = this.failures === 0 ? intervalMs : Math.min(maxBackoffMs, Math.max(1_000, intervalMs / 4) * 2 ** (this.failures - 1));
    return Math.max(0, Math.round(base * (1 + jitter * (2 * this.random() - 1))));
  }
}

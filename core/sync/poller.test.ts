import { describe, expect, it } from 'vitest';
import { fakeClock } from '../../test/fixtures/fake-clock.ts';
import { Poller } from './poller.ts';

const settle = () => new Promise((r) => setImmediate(r));

describe('poller', () => {
  it('backs off exponentially up to the cap on errors, with jitter, and resets on success', async () => {
    const f = fakeClock();
    let fail = true;
    const p = new Poller(async () => {
      if (fail) throw new Error('down');
    }, { intervalMs: 60_000, jitter: 0.2, maxBackoffMs: 15 * 60_000, clock: f.clock, random: () => 0.5 });
    p.start();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      await settle();
      delays.push(f.pending()[0]!);
      f.fire();
    }
    expect(delays).toEqual([15_000, 30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000]);
    fail = false;
    await settle();
    f.fire();
    await settle();
    expect(f.pending()).toEqual([60_000]);
    p.stop();
    expect(f.pending()).toEqual([]);
  });

  it('spreads polls by ±jitter and runs at once on demand without overlapping', async () => {
    const f = fakeClock();
    let runs = 0;
    let release!: () => void;
    const p = new Poller(() => {
      runs++;
      return new Promise<void>((r) => (release = r));
    }, { intervalMs: 60_000, jitter: 0.2, maxBackoffMs: 900_000, clock: f.clock, random: () => 0 });
    p.start();
    p.now();
    p.now();
    expect(runs).toBe(1);
    release();
    await settle();
    // The calls made during the run collapse into one more run.
    expect(runs).toBe(2);
    release();
    await settle();
    expect(f.pending()).toEqual([48_000]);
    p.stop();
  });
});

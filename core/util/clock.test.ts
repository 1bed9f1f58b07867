import { describe, expect, it } from 'vitest';
import { realTimeOf, simulatedClock, simulatedTime, type SimClockSpec } from './clock.ts';

const HOUR = 3_600_000;
const spec: SimClockSpec = { realEpochMs: 1_000_000, simEpochMs: Date.parse('2026-12-01T00:00:00+07:00'), stepRealMs: 4_000, stepSimMs: HOUR };

describe('the simulated calendar (soak)', () => {
  it('runs at real speed within a step and jumps to the next hour at each step', () => {
    expect(simulatedTime(spec, spec.realEpochMs)).toBe(spec.simEpochMs);
    expect(simulatedTime(spec, spec.realEpochMs + 3_999)).toBe(spec.simEpochMs + 3_999);
    expect(simulatedTime(spec, spec.realEpochMs + 4_000)).toBe(spec.simEpochMs + HOUR);
    // A simulated day is 24 steps: 96 s of real time.
    expect(simulatedTime(spec, spec.realEpochMs + 96_000)).toBe(spec.simEpochMs + 24 * HOUR);
  });

  it('finds the earliest real moment a simulated time is reached (inside a step, or at the next jump)', () => {
    for (const sim of [1_234, 3_999, 4_000, HOUR - 1, HOUR, 5 * HOUR + 17]) {
      const real = realTimeOf(spec, spec.simEpochMs + sim);
      expect(simulatedTime(spec, real)).toBeGreaterThanOrEqual(spec.simEpochMs + sim);
      expect(simulatedTime(spec, real - 1)).toBeLessThan(spec.simEpochMs + sim);
    }
  });

  it('fires a one-hour timer at the next jump, well before an hour of real time', async () => {
    const fast: SimClockSpec = { ...spec, realEpochMs: Date.now(), stepRealMs: 300 };
    const clock = simulatedClock(fast);
    const start = clock.now();
    const realStart = Date.now();
    const firedAt = await new Promise<number>((resolve) => clock.setTimeout(() => resolve(clock.now()), HOUR));
    expect(firedAt - start).toBeGreaterThanOrEqual(HOUR);
    expect(Date.now() - realStart).toBeLessThan(2_000);
  });
});

/**
 * Time as a parameter: the core never reads the clock behind its back, so
 * tests can set it to 1970 or 2100, or run seven days in a second.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // Timers never keep a stopped process alive on their own.
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** The system clock shifted by `offsetMs`: a screen whose clock says 1970 or 2100. */
export function fixedOffsetClock(offsetMs: number): Clock {
  return { ...systemClock, now: () => Date.now() + offsetMs };
}

/**
 * A simulated calendar for the soak (test/soak, docs/benchmarks.md): every
 * `stepRealMs` of real time the clock jumps to the next `stepSimMs` (one
 * simulated hour), and between jumps it runs at real speed. So media play and
 * timeouts keep their real lengths while days, operating hours and expiry go
 * by in minutes; every process given the same spec (env PANO_SIM_CLOCK)
 * shows the same time. `offsetMs()` is added on top: a clock-jump fault
 * moves it (read from `offsetFile` every second).
 */
export interface SimClockSpec {
  realEpochMs: number;
  simEpochMs: number;
  stepRealMs: number;
  stepSimMs: number;
  offsetFile?: string | undefined;
}

export function simulatedTime(spec: SimClockSpec, realMs: number): number {
  const e = Math.max(0, realMs - spec.realEpochMs);
  const k = Math.floor(e / spec.stepRealMs);
  return spec.simEpochMs + k * spec.stepSimMs + Math.min(e - k * spec.stepRealMs, spec.stepSimMs);
}

/** The earliest real time at which the simulated time reaches `simMs`. */
export function realTimeOf(spec: SimClockSpec, simMs: number): number {
  const d = Math.max(0, simMs - spec.simEpochMs);
  const k = Math.floor(d / spec.stepSimMs);
  const within = d - k * spec.stepSimMs;
  return spec.realEpochMs + (within < spec.stepRealMs ? k * spec.stepRealMs + within : (k + 1) * spec.stepRealMs);
}

export function simulatedClock(spec: SimClockSpec, offsetMs: () => number = () => 0): Clock {
  const now = () => simulatedTime(spec, Date.now()) + offsetMs();
  return {
    now,
    setTimeout: (fn, ms) => {
      // Fire when simulated time reaches the target, across jumps; checked again on waking (the offset may move).
      const target = now() + Math.max(0, ms);
      const handle: { t?: ReturnType<typeof setTimeout> } = {};
      const arm = () => {
        const wait = realTimeOf(spec, target - offsetMs()) - Date.now();
        if (wait <= 0 && now() >= target) return fn();
        handle.t = setTimeout(arm, Math.max(1, wait));
        handle.t.unref();
      };
      arm();
      return handle;
    },
    clearTimeout: (h) => clearTimeout((h as { t?: ReturnType<typeof setTimeout> } | undefined)?.t),
  };
}

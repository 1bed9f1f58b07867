/**
 * One fault per simulated hour, from a seeded schedule: the same seed gives
 * the same month. Each fault has a start and (for the ones that last) an end
 * some simulated hours later.
 */
export const FAULTS = [
  'network-cut',
  'hub-restart',
  'hub-outage',
  'db-restart',
  'kill-core',
  'kill-chromium',
  'kill-renderer',
  'disk-full',
  'cpu-starvation',
  'corrupt-media',
  'truncated-download',
  'tampered-playlist',
  'rolled-back-playlist',
  'expired-playlist',
  'clock-jump',
  'publish-storm',
  'emergency',
] as const;
export type FaultKind = (typeof FAULTS)[number];

/** Simulated hours a fault lasts (0: an event, over at once). */
export const LASTS: Record<FaultKind, number> = {
  'network-cut': 1,
  'hub-restart': 0,
  'hub-outage': 2,
  'db-restart': 0,
  'kill-core': 0,
  'kill-chromium': 0,
  'kill-renderer': 0,
  'disk-full': 1,
  'cpu-starvation': 1,
  'corrupt-media': 2,
  'truncated-download': 0,
  'tampered-playlist': 1,
  'rolled-back-playlist': 1,
  'expired-playlist': 1,
  'clock-jump': 2,
  'publish-storm': 0,
  emergency: 1,
};

export interface ScheduledFault {
  hour: number;
  kind: FaultKind;
}

/** mulberry32: small, seeded, good enough to pick faults. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A fault at every hour from `first` to `hours - 1`. Every kind comes up
 * equally often (shuffled rounds), so a week already has each one ten times.
 */
export function faultSchedule(seed: number, hours: number, first: number): ScheduledFault[] {
  const rnd = random(seed);
  const out: ScheduledFault[] = [];
  let round: FaultKind[] = [];
  for (let hour = first; hour < hours; hour++) {
    if (round.length === 0) {
      round = [...FAULTS];
      for (let i = round.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [round[i], round[j]] = [round[j]!, round[i]!];
      }
    }
    out.push({ hour, kind: round.pop()! });
  }
  return out;
}

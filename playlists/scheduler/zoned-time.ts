/**
 * Wall-clock arithmetic in an IANA zone with nothing but Intl: schedules are
 * written in the screen's local time, the clock gives instants.
 */

export interface LocalMoment {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight, 0…1439. */
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function fields(ms: number, timeZone: string): Fields {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 0,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: (out.hour ?? 0) % 24,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** The zone's offset from UTC at an instant, in ms (whole seconds). */
export function offsetAt(ms: number, timeZone: string): number {
  const f = fields(ms, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function localMoment(ms: number, timeZone: string): LocalMoment {
  const f = fields(ms, timeZone);
  const date = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
  return { date, weekday: weekdayOf(date), minute: f.hour * 60 + f.minute };
}

/** Days since 1970-01-01 of a calendar date (pure calendar arithmetic, no zone). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000);
}

export function dateOfDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

export function weekdayOf(date: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** "HH:MM" → minutes; "24:00" → 1440. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * The first instant whose local wall time is at or after `minute` on `date`.
 * In a spring-forward gap (02:30 in Paris on the last Sunday of March) that is
 * the end of the gap; in a fall-back overlap, the first occurrence.
 */
export function instantOf(date: string, minute: number, timeZone: string): number {
  const wall = dayNumber(date) * 86_400_000 + minute * 60_000;
  // Two candidates, from the offsets on either side of a possible transition.
  const candidates = new Set<number>();
  for (const probe of [wall - 86_400_000 / 2, wall + 86_400_000 / 2]) {
    const guess = wall - offsetAt(probe, timeZone);
    candidates.add(guess);
    candidates.add(wall - offsetAt(guess, timeZone));
  }
  const exact = [...candidates].filter((t) => wallOf(t, timeZone) === wall).sort((a, b) => a - b);
  if (exact[0] !== undefined) return exact[0];
  // The wall time does not exist: the first instant after it that does.
  const later = [...candidates].filter((t) => wallOf(t, timeZone) > wall).sort((a, b) => a - b);
  return firstAtOrAfterWall(later[0] ?? wall - offsetAt(wall, timeZone), wall, timeZone);
}

/** The local wall time at an instant, as ms since 1970-01-01 00:00 wall time. */
export function wallOf(ms: number, timeZone: string): number {
  return Math.floor(ms / 1000) * 1000 + offsetAt(ms, timeZone);
}

/** Walk back from a known later instant to the transition where wall time jumped past `wall`. */
function firstAtOrAfterWall(later: number, wall: number, timeZone: string): number {
  // Bisect over whole seconds: offsets (and so wall times) change on second boundaries.
  let lo = Math.floor(later / 1000) - 86_400;
  let hi = Math.ceil(later / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallOf(mid * 1000, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}

/** Instants in (from, to] where the zone's offset changes (DST transitions), found by bisection. */
export function offsetChanges(from: number, to: number, timeZone: string): number[] {
  const out: number[] = [];
  const step = 6 * 3_600_000;
  let a = from;
  let offA = offsetAt(a, timeZone);
  while (a < to) {
    const b = Math.min(a + step, to);
    const offB = offsetAt(b, timeZone);
    if (offB !== offA) {
      let lo = Math.floor(a / 1000);
      let hi = Math.ceil(b / 1000);
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (offsetAt(mid * 1000, timeZone) === offA) lo = mid;
        else hi = mid;
      }
      if (hi * 1000 > from) out.push(hi * 1000);
    }
    a = b;
    offA = offB;
  }
  return out;
}

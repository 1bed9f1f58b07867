import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUnknown } from '../parse.ts';
import { Playlist } from '../schemas/playlist.ts';
import type { OperatingHours } from '../schemas/schedule.ts';
import { nextChange, operatingAt, planKey, whatPlays, type DisplayTarget } from './index.ts';

const display: DisplayTarget = { id: 'main', orientation: 'landscape' };
const ZONES = ['Asia/Ho_Chi_Minh', 'Europe/Paris', 'America/New_York'];
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Windows on any minute (across midnight when end ≤ start, 24:00 as an end), on some weekdays or every day. */
const hoursArb: fc.Arbitrary<OperatingHours[]> = fc.array(
  fc.record(
    {
      weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      start: fc.integer({ min: 0, max: 1439 }).map(hhmm),
      end: fc.integer({ min: 0, max: 1440 }).map(hhmm),
    },
    { requiredKeys: ['start', 'end'] },
  ),
  { minLength: 1, maxLength: 3 },
);

function playlistWith(hours: OperatingHours[] | undefined, pinned: string | undefined): Playlist {
  const slide = { kind: 'slide', template: 'headline', duration: 5, fields: { title: 'a' } };
  return parseUnknown(
    Playlist,
    {
      schemaVersion: 1,
      channel: 'prop',
      version: 1,
      issuedAt: '2020-01-01T00:00:00Z',
      expiresAt: '2030-01-01T00:00:00Z',
      audience: { all: true },
      assets: {},
      layouts: { wide: { orientation: 'landscape', zones: { m: { role: 'main', x: 0, y: 0, width: 1, height: 1 } } } },
      items: { a: slide, b: { ...slide, fields: { title: 'b' } } },
      sequences: { a: { items: ['a'] }, b: { items: ['b'] } },
      schedule: {
        ...(pinned ? { timeZone: pinned } : {}),
        ...(hours ? { operatingHours: hours } : {}),
        fallback: { layout: 'wide', content: { main: 'a' } },
        entries: [{ id: 'noon', layout: 'wide', content: { main: 'b' }, windows: [{ start: '11:00', end: '14:00' }] }],
      },
    },
    'property playlist',
  );
}

/** Reference, written apart from the scheduler: wall minutes since 1970 in `zone`, through Intl alone. */
function wallMinutes(t: number, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
      .formatToParts(t)
      .map((p) => [p.type, Number(p.value)]),
  );
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!) / 60_000;
}

/** Open when some window that started today or yesterday (on one of its weekdays) still runs. */
function openIn(hours: OperatingHours[] | undefined, t: number, zone: string): boolean {
  if (!hours) return true;
  const now = wallMinutes(t, zone);
  const today = Math.floor(now / 1440);
  const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  return hours.some((h) =>
    [today, today - 1].some((day) => {
      const weekday = ((day + 3) % 7) + 1; // 1970-01-01 was a Thursday
      const start = day * 1440 + minutes(h.start);
      const length = (((minutes(h.end) - minutes(h.start)) % 1440) + 1440) % 1440 || 1440;
      return (!h.weekdays || h.weekdays.includes(weekday)) && now >= start && now < start + length;
    }),
  );
}

const caseArb = fc.record({
  schedule: fc.option(hoursArb, { nil: undefined }),
  screen: fc.option(hoursArb, { nil: undefined }),
  zone: fc.constantFrom(...ZONES),
  pinned: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
  minute: fc.integer({ min: Date.parse('2026-01-01T00:00:00Z') / 60_000, max: Date.parse('2027-12-31T00:00:00Z') / 60_000 }),
});

describe('screen hours ∩ schedule hours', () => {
  it('is open exactly where both lists are (each in its own zone), minute by minute', () => {
    fc.assert(
      fc.property(caseArb, ({ schedule, screen, zone, pinned, minute }) => {
        const playlist = playlistWith(schedule, pinned);
        for (let m = minute; m < minute + 36 * 60; m += 7) {
          const t = m * 60_000;
          const open = openIn(schedule, t, pinned ?? zone) && openIn(screen, t, zone);
          expect(operatingAt(playlist, new Date(t), zone, screen)).toBe(open);
          const plan = whatPlays(playlist, new Date(t), zone, display, screen);
          // Black exactly when closed; inside, the screen's hours never change what plays.
          expect(plan.kind === 'black').toBe(!open);
          if (open) expect(planKey(plan)).toBe(planKey(whatPlays(playlist, new Date(t), zone, display)));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('nextChange is the first minute at which the plan changes', () => {
    fc.assert(
      fc.property(caseArb, ({ schedule, screen, zone, pinned, minute }) => {
        const playlist = playlistWith(schedule, pinned);
        const key = (m: number) => planKey(whatPlays(playlist, new Date(m * 60_000), zone, display, screen));
        const next = nextChange(playlist, new Date(minute * 60_000), zone, display, screen);
        const first = key(minute);
        // Brute force over the next 30 hours: the first minute that differs is the change.
        let changed: number | null = null;
        for (let m = minute + 1; m <= minute + 30 * 60 && changed === null; m++) if (key(m) !== first) changed = m;
        if (changed === null) expect(next === null || next.getTime() > (minute + 30 * 60) * 60_000).toBe(true);
        else expect(next?.getTime()).toBe(changed * 60_000);
      }),
      { numRuns: 80 },
    );
  });
});

describe('an emergency takeover and the screen’s own hours', () => {
  it('a takeover shows outside the site’s hours; the channel it interrupts stays black there', () => {
    const example = JSON.parse(readFileSync(new URL('../examples/emergency.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const takeover = parseUnknown(Playlist, { ...example, issuedAt: '2026-11-20T08:00:00Z', expiresAt: '2099-01-01T00:00:00Z' }, 'takeover');
    const museum: OperatingHours[] = [{ start: '08:00', end: '17:00' }];
    const night = new Date('2026-11-20T16:00:00Z'); // 23:00 in Hồ Chí Minh City
    expect(operatingAt(takeover, night, 'Asia/Ho_Chi_Minh', museum)).toBe(true);
    expect(whatPlays(takeover, night, 'Asia/Ho_Chi_Minh', display, museum).kind).not.toBe('black');
    expect(whatPlays(playlistWith(undefined, undefined), night, 'Asia/Ho_Chi_Minh', display, museum).kind).toBe('black');
  });
});

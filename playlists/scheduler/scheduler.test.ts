import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Playlist } from '../schemas/playlist.ts';
import { parseJson, parseUnknown } from '../parse.ts';
import { nextChange, whatPlays, type DisplayTarget, type Plan } from './index.ts';

const HCM = 'Asia/Ho_Chi_Minh';
const PARIS = 'Europe/Paris';
const main: DisplayTarget = { id: 'main', orientation: 'landscape' };
const tall: DisplayTarget = { id: 'gate', orientation: 'portrait' };

/** A small valid playlist: one slide per sequence, so entries differ only by schedule. */
function playlist(schedule: Record<string, unknown>): Playlist {
  const seqs = ['a', 'b', 'c', 'd', 'e'];
  const slide = (t: string) => ({ kind: 'slide', template: 'headline', duration: 5, fields: { title: t } });
  return parseUnknown(
    Playlist,
    {
      schemaVersion: 1,
      channel: 'test',
      version: 1,
      issuedAt: '2020-01-01T00:00:00Z',
      expiresAt: '2030-01-01T00:00:00Z',
      audience: { all: true },
      assets: {},
      layouts: {
        wide: { orientation: 'landscape', zones: { m: { role: 'main', x: 0, y: 0, width: 1, height: 1 } } },
        tall: { orientation: 'portrait', zones: { m: { role: 'main', x: 0, y: 0, width: 1, height: 1 } } },
      },
      items: Object.fromEntries(seqs.map((s) => [s, slide(s)])),
      sequences: Object.fromEntries(seqs.map((s) => [s, { items: [s] }])),
      schedule,
    },
    'test playlist',
  );
}

const entry = (id: string, main: string, extra: Record<string, unknown> = {}) => ({ id, layout: 'wide', content: { main }, ...extra });
const at = (iso: string) => new Date(iso);
/** What plays, as the main sequence id (or black/idle). */
function show(p: Playlist, iso: string, zone = HCM, display = main): string {
  const plan: Plan = whatPlays(p, at(iso), zone, display);
  return plan.kind === 'play' ? plan.content.main : plan.kind;
}
const next = (p: Playlist, iso: string, zone = HCM, display = main) => nextChange(p, at(iso), zone, display)?.toISOString() ?? null;

describe('whatPlays: windows and dates in the screen zone', () => {
  const night = playlist({ entries: [entry('night', 'b', { windows: [{ start: '22:00', end: '02:00' }], weekdays: [5] })], fallback: { layout: 'wide', content: { main: 'a' } } });

  it.each([
    ['2026-11-20T14:59:59Z', 'a'], // Fri 21:59:59 in HCM (+07)
    ['2026-11-20T15:00:00Z', 'b'], // Fri 22:00
    ['2026-11-20T17:00:00Z', 'b'], // Sat 00:00, still Friday's window
    ['2026-11-20T18:59:59Z', 'b'], // Sat 01:59:59
    ['2026-11-20T19:00:00Z', 'a'], // Sat 02:00, end exclusive
    ['2026-11-21T17:30:00Z', 'a'], // Sun 00:30: Saturday's window is not scheduled
  ])('a window crossing midnight, Fridays: %s → %s', (iso, want) => {
    expect(show(night, iso)).toBe(want);
  });

  const dated = playlist({
    entries: [
      entry('leap', 'b', { from: '2028-02-29', until: '2028-02-29' }),
      entry('nye', 'c', { from: '2026-12-31', until: '2027-01-01', windows: [{ start: '23:00', end: '01:00' }] }),
      entry('month-end', 'd', { from: '2026-11-30', until: '2026-11-30' }),
    ],
  });
  it.each([
    ['2028-02-28T16:59:59Z', 'idle'], // Feb 28 23:59:59 local
    ['2028-02-28T17:00:00Z', 'b'], // Feb 29 00:00 local
    ['2028-02-29T16:59:59Z', 'b'],
    ['2028-02-29T17:00:00Z', 'idle'], // Mar 1
    ['2026-11-29T17:00:00Z', 'd'], // Nov 30 00:00
    ['2026-11-30T17:00:00Z', 'idle'], // Dec 1 00:00
    ['2026-12-31T16:00:00Z', 'c'], // Dec 31 23:00
    ['2026-12-31T17:00:00Z', 'c'], // Jan 1 00:00, year end inside the window
    ['2027-01-01T17:30:00Z', 'c'], // Jan 2 00:30: the window of Jan 1 still runs
    ['2027-01-01T18:00:00Z', 'idle'],
  ])('leap day, month and year ends: %s → %s', (iso, want) => {
    expect(show(dated, iso)).toBe(want);
  });

  it('empty schedule: fallback content, or the idle screen', () => {
    expect(show(playlist({ entries: [], fallback: { layout: 'wide', content: { main: 'e' } } }), '2026-11-20T00:00:00Z')).toBe('e');
    expect(show(playlist({ entries: [] }), '2026-11-20T00:00:00Z')).toBe('idle');
    expect(next(playlist({ entries: [] }), '2026-11-20T00:00:00Z')).toBeNull();
  });
});

describe('whatPlays: priorities, interrupts, themes, hours, displays', () => {
  it('overlapping entries: higher priority wins, ties go to the earlier entry', () => {
    const p = playlist({
      entries: [
        entry('base', 'a'),
        entry('same', 'b'),
        entry('evening', 'c', { windows: [{ start: '18:00', end: '20:00' }], priority: 5 }),
        entry('low', 'd', { windows: [{ start: '18:00', end: '20:00' }], priority: -1 }),
      ],
    });
    expect(show(p, '2026-11-20T05:00:00Z')).toBe('a');
    expect(show(p, '2026-11-20T11:00:00Z')).toBe('c');
  });

  it('an interrupt outranks any priority and is flagged', () => {
    const p = playlist({ entries: [entry('vip', 'a', { priority: 1000 }), entry('alarm', 'e', { interrupt: true, priority: -5, windows: [{ start: '10:00', end: '10:05' }] })] });
    const plan = whatPlays(p, at('2026-11-20T03:01:00Z'), HCM, main);
    expect(plan.kind === 'play' && plan.interrupt && plan.content.main).toBe('e');
    expect(next(p, '2026-11-20T03:01:00Z')).toBe('2026-11-20T03:05:00.000Z');
    expect(show(p, '2026-11-20T03:05:00Z')).toBe('a');
  });

  it('weekly theme rotation counts periods from startsOn in the screen zone', () => {
    const p = playlist({
      themes: { themes: ['x', 'y'], startsOn: '2026-11-02', periodDays: 7 },
      entries: [entry('tx', 'a', { theme: 'x' }), entry('ty', 'b', { theme: 'y' })],
    });
    expect(show(p, '2026-11-08T16:59:59Z')).toBe('a'); // Sun Nov 8 23:59:59 local
    expect(show(p, '2026-11-08T17:00:00Z')).toBe('b'); // Mon Nov 9
    expect(show(p, '2026-11-15T17:00:00Z')).toBe('a');
    expect(show(p, '2026-10-30T00:00:00Z')).toBe('b'); // before startsOn: period -1
    expect(next(p, '2026-11-05T00:00:00Z')).toBe('2026-11-08T17:00:00.000Z');
  });

  it('outside operating hours the screen is black; a window past midnight keeps it on', () => {
    const p = playlist({
      operatingHours: [{ start: '05:00', end: '24:00' }, { start: '00:00', end: '01:30' }, { weekdays: [6, 7], start: '01:30', end: '03:00' }],
      entries: [entry('all', 'a')],
    });
    expect(show(p, '2026-11-19T18:29:59Z')).toBe('a'); // Fri 01:29:59
    expect(show(p, '2026-11-19T18:30:00Z')).toBe('black'); // Fri 01:30
    expect(show(p, '2026-11-20T18:30:00Z')).toBe('a'); // Sat 01:30: weekend hours
    expect(next(p, '2026-11-19T18:30:00Z')).toBe('2026-11-19T22:00:00.000Z'); // Fri 05:00
  });

  it('per-display entries and layouts by orientation', () => {
    const p = playlist({
      fallback: { layout: { landscape: 'wide' }, content: { main: 'a' } },
      entries: [
        entry('gate-only', 'b', { displays: ['gate'], layout: { portrait: 'tall', landscape: 'wide' } }),
        entry('wide-only', 'c', { layout: { landscape: 'wide' } }),
      ],
    });
    const plan = whatPlays(p, at('2026-11-20T00:00:00Z'), HCM, tall);
    expect(plan.kind === 'play' && [plan.content.main, plan.layoutId]).toEqual(['b', 'tall']);
    expect(show(p, '2026-11-20T00:00:00Z', HCM, main)).toBe('c');
    // A portrait screen that no entry fits still gets the fallback, in its only layout.
    expect(show(p, '2026-11-20T00:00:00Z', HCM, { id: 'other', orientation: 'portrait' })).toBe('a');
  });

  it('a schedule timeZone pins the zone for every screen', () => {
    const p = playlist({ timeZone: PARIS, entries: [entry('morning', 'b', { windows: [{ start: '08:00', end: '09:00' }] })] });
    expect(show(p, '2026-11-20T07:30:00Z', HCM)).toBe('b'); // 08:30 in Paris (+01)
  });
});

describe('Europe/Paris daylight saving and Asia/Ho_Chi_Minh', () => {
  const p = playlist({ entries: [entry('early', 'b', { windows: [{ start: '02:30', end: '03:30' }] }), entry('day', 'a', { windows: [{ start: '03:30', end: '02:30' }] })] });

  it('spring forward: 02:30 does not exist, the window starts when the gap ends', () => {
    // 2026-03-29: 02:00 CET → 03:00 CEST at 01:00Z.
    expect(show(p, '2026-03-29T00:59:59Z', PARIS)).toBe('a'); // 01:59:59 CET
    expect(show(p, '2026-03-29T01:00:00Z', PARIS)).toBe('b'); // 03:00 CEST
    expect(next(p, '2026-03-29T00:00:00Z', PARIS)).toBe('2026-03-29T01:00:00.000Z');
    expect(next(p, '2026-03-29T01:00:00Z', PARIS)).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
  });

  it('fall back: 02:30–03:00 happens twice, the window is entered twice', () => {
    // 2026-10-25: 03:00 CEST → 02:00 CET at 01:00Z.
    expect(next(p, '2026-10-24T23:00:00Z', PARIS)).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(show(p, '2026-10-25T00:30:00Z', PARIS)).toBe('b');
    expect(show(p, '2026-10-25T01:15:00Z', PARIS)).toBe('a'); // 02:15 CET, before the window again
    expect(next(p, '2026-10-25T01:15:00Z', PARIS)).toBe('2026-10-25T01:30:00.000Z'); // 02:30 CET
    expect(next(p, '2026-10-25T01:30:00Z', PARIS)).toBe('2026-10-25T02:30:00.000Z'); // 03:30 CET
  });

  it('Ho Chi Minh City: UTC+7 all year, midnight at 17:00Z', () => {
    const q = playlist({ entries: [entry('today', 'b', { from: '2026-06-15', until: '2026-06-15' })] });
    expect(next(q, '2026-06-14T12:00:00Z')).toBe('2026-06-14T17:00:00.000Z');
    expect(next(q, '2026-06-14T17:00:00Z')).toBe('2026-06-15T17:00:00.000Z');
    expect(next(q, '2026-06-15T17:00:00Z')).toBeNull();
  });
});

describe('the example playlist', () => {
  const example = parseJson(Playlist, readFileSync(new URL('../examples/ca-mau-airport.json', import.meta.url), 'utf8'), 'example');

  it('follows operating hours, the festival, the evening documentary and the themes', () => {
    expect(show(example, '2026-11-20T19:00:00Z')).toBe('black'); // Sat 02:00
    expect(show(example, '2026-11-20T03:00:00Z')).toBe('loop-tourism'); // Fri 10:00, week of Nov 16: tourism
    expect(show(example, '2026-11-20T12:30:00Z')).toBe('loop-documentary'); // Fri 19:30
    expect(show(example, '2026-11-23T03:00:00Z')).toBe('loop-cuisine'); // Mon Nov 23
    expect(show(example, '2026-12-20T12:30:00Z')).toBe('loop-live'); // festival outranks documentary
    // Portrait screens have no documentary layout: they stay on the theme.
    expect(show(example, '2026-11-20T12:30:00Z', HCM, tall)).toBe('loop-tourism');
    expect(next(example, '2026-11-20T03:00:00Z')).toBe('2026-11-20T12:00:00.000Z');
  });
});

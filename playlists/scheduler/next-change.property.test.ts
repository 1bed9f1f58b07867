import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUnknown } from '../parse.ts';
import { Playlist } from '../schemas/playlist.ts';
import { nextChange, planKey, whatPlays, type DisplayTarget } from './index.ts';

const display: DisplayTarget = { id: 'main', orientation: 'landscape' };
const slide = (t: string) => ({ kind: 'slide', template: 'headline', duration: 5, fields: { title: t } });

/** Windows across midnight, on weekdays, dated, themed, with operating hours: every kind of edge. */
const playlist = parseUnknown(
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
    items: { a: slide('a'), b: slide('b'), c: slide('c'), d: slide('d') },
    sequences: { a: { items: ['a'] }, b: { items: ['b'] }, c: { items: ['c'] }, d: { items: ['d'] } },
    schedule: {
      operatingHours: [{ start: '05:30', end: '01:15' }],
      themes: { themes: ['x', 'y', 'z'], startsOn: '2026-01-05', periodDays: 3 },
      fallback: { layout: 'wide', content: { main: 'a' } },
      entries: [
        { id: 'night', layout: 'wide', content: { main: 'b' }, windows: [{ start: '22:00', end: '02:30' }], weekdays: [5, 6] },
        { id: 'themed', layout: 'wide', content: { main: 'c' }, theme: 'y', windows: [{ start: '09:00', end: '12:00' }] },
        { id: 'dated', layout: 'wide', content: { main: 'd' }, from: '2026-03-28', until: '2026-04-02', priority: 5 },
        { id: 'alarm', layout: 'wide', content: { main: 'd' }, interrupt: true, weekdays: [3], windows: [{ start: '02:45', end: '03:10' }] },
      ],
    },
  },
  'property playlist',
);

describe('nextChange is exactly where whatPlays changes', () => {
  for (const zone of ['Europe/Paris', 'Asia/Ho_Chi_Minh', 'America/New_York']) {
    it(zone, () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }), (t) => {
          const now = new Date(Math.floor(t / 1000) * 1000);
          const next = nextChange(playlist, now, zone, display);
          expect(next).not.toBeNull();
          const key = planKey(whatPlays(playlist, now, zone, display));
          // Constant up to the change (checked at its last second and at a point inside)…
          expect(planKey(whatPlays(playlist, new Date(next!.getTime() - 1000), zone, display))).toBe(key);
          const mid = new Date(Math.floor((now.getTime() + next!.getTime()) / 2000) * 1000);
          expect(planKey(whatPlays(playlist, mid, zone, display))).toBe(key);
          // …and different from it on.
          expect(planKey(whatPlays(playlist, next!, zone, display))).not.toBe(key);
        }),
        { numRuns: 150 },
      );
    });
  }
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mondayOf, planBlocks, schedulable } from './week-plan.ts';

const example = JSON.parse(readFileSync(new URL('../../../playlists/examples/ca-mau-airport.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const display = { id: 'main', orientation: 'landscape' as const };
const zone = 'Asia/Ho_Chi_Minh';

describe('week plan from the scheduler', () => {
  it('draws weekday windows, operating hours and the weekend documentary', () => {
    const playlist = schedulable(example)!;
    const monday = mondayOf('2026-11-26'); // a Thursday
    expect(monday).toBe('2026-11-23');
    const blocks = planBlocks(playlist, monday, 7, zone, display);
    const friday = blocks.filter((b) => b.day === 4);
    // 00:00–01:30 on, 01:30–05:00 black, then the theme week, the documentary 19:00–21:00, back to the theme.
    expect(friday.map((b) => [b.start, b.end, b.plan.kind === 'play' ? (b.plan.entry?.id ?? 'fallback') : b.plan.kind])).toEqual([
      [0, 90, 'cuisine-week'],
      [90, 300, 'black'],
      [300, 1140, 'cuisine-week'],
      [1140, 1260, 'evening-documentary'],
      [1260, 1440, 'cuisine-week'],
    ]);
    expect(blocks.every((b) => b.start < b.end)).toBe(true);
  });

  it('splits a window across midnight into two days', () => {
    const draft = {
      layouts: { full: { orientation: 'landscape', zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 1 } } } },
      schedule: { entries: [{ id: 'night', layout: 'full', content: { main: 'x' }, weekdays: [5], windows: [{ start: '22:00', end: '02:00' }] }] },
    };
    const blocks = planBlocks(schedulable(draft)!, '2026-11-23', 7, zone, display).filter((b) => b.plan.kind === 'play');
    expect(blocks.map((b) => [b.day, b.start, b.end])).toEqual([
      [4, 1320, 1440],
      [5, 0, 120],
    ]);
  });
});

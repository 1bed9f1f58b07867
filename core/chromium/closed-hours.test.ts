import { describe, expect, it } from 'vitest';
import { closedAt, closedFor, nextClosed } from './closed-hours.ts';
import { slidePlaylist } from '../../test/fixtures/slide-playlist.ts';

const HOUR = 3_600_000;
const ZONE = 'Asia/Ho_Chi_Minh';
const display = { id: 'main', orientation: 'landscape' } as const;
// A schedule with no operating hours of its own: only the screen's hours can close it.
const always = slidePlaylist({ channel: 'museum' });
const museum = [{ start: '08:00', end: '17:00' }];

describe('closed hours for the memory guard', () => {
  it("count the screen's own hours, though the schedule has none", () => {
    const noon = Date.parse('2026-12-04T05:00:00Z'); // 12:00 local
    expect(closedAt(always, noon, ZONE, display, museum)).toBe(false);
    // Without the screen's hours it never closes; with them it closes at 17:00 for 15 h.
    expect(nextClosed(always, noon, ZONE, display, 24 * HOUR, HOUR)).toBeNull();
    expect(nextClosed(always, noon, ZONE, display, 24 * HOUR, HOUR, museum)).toBe(noon + 5 * HOUR);
    expect(closedFor(always, noon + 6 * HOUR, ZONE, display, 24 * HOUR, museum)).toBe(14 * HOUR);
    expect(closedFor(always, noon + 6 * HOUR, ZONE, display, 24 * HOUR)).toBe(0);
  });
});

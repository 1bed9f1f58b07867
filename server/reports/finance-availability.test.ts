import { describe, expect, it } from 'vitest';
import { instantOf } from '../../playlists/scheduler/zoned-time.ts';
import { availability, type Beat } from './finance-availability.ts';

const ZONE = 'Asia/Ho_Chi_Minh';
const start = instantOf('2026-11-01', 0, ZONE);
const end = instantOf('2026-11-02', 0, ZONE);
const MIN = 60_000;
const every = (from: number, to: number, step: number, b: Omit<Beat, 'at'>): Beat[] => Array.from({ length: Math.ceil((to - from) / step) }, (_, i) => ({ at: from + i * step, ...b }));

describe('screen availability from heartbeats', () => {
  it('lets a beat stand for 2.5 intervals at most, so a gap counts as offline past that', () => {
    const beats = [...every(start, start + 60 * MIN, MIN, { showing: true, hours: undefined }), ...every(start + 120 * MIN, end, MIN, { showing: false, hours: undefined })];
    const a = availability(beats, MIN, start, end, ZONE);
    // Offline: from 59 min + 2.5 min to 120 min.
    expect(a.onlineMs).toBe(86_400_000 - (120 - 61.5) * MIN);
    expect(a.contentMs).toBe(60 * MIN + 1.5 * MIN);
    expect(a.darkMs).toBe(0);
  });

  it('counts a beat before the period only from the period start, and none past the end', () => {
    const a = availability([{ at: start - MIN, showing: true, hours: undefined }], MIN, start, end, ZONE);
    expect(a.onlineMs).toBe(1.5 * MIN);
  });

  it('counts minutes outside the operating hours (local time), online or not; unknown without a known playlist', () => {
    const hours = [{ start: '07:00', end: '22:00' }];
    expect(availability([{ at: start + 600 * MIN, showing: true, hours }], MIN, start, end, ZONE).darkMs).toBe(9 * 60 * MIN);
    expect(availability([{ at: start, showing: true, hours: null }], MIN, start, end, ZONE).darkMs).toBeNull();
    expect(availability([], MIN, start, end, ZONE)).toEqual({ onlineMs: 0, contentMs: 0, darkMs: null });
  });

  it("adds the minutes the screen's own hours close (as each beat reported them applied) to the schedule's", () => {
    const hours = [{ start: '07:00', end: '22:00' }];
    // A museum open 08:00–17:00: dark 15 h of the day, the intersection with the schedule's 9 h.
    const museum = [{ start: '08:00', end: '17:00' }];
    expect(availability([{ at: start, showing: true, hours, screenHours: museum }], MIN, start, end, ZONE).darkMs).toBe(15 * 60 * MIN);
    // Without the schedule's hours, the screen's alone; set at 12:00, they count from then (the first beat's before it).
    expect(availability([{ at: start, showing: true, hours: undefined, screenHours: museum }], MIN, start, end, ZONE).darkMs).toBe(15 * 60 * MIN);
    const cleared = [{ at: start, showing: true, hours, screenHours: undefined }, { at: start + 720 * MIN, showing: true, hours, screenHours: museum }];
    // 00:00–07:00 (schedule), then 17:00–24:00 (screen, from noon): 14 h.
    expect(availability(cleared, MIN, start, end, ZONE).darkMs).toBe(14 * 60 * MIN);
  });
});

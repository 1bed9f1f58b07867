import { describe, expect, it } from 'vitest';
import { insideWindow, MaintenanceWindow } from './maintenance-window.ts';

const at = (iso: string) => new Date(iso);
const HCM = 'Asia/Ho_Chi_Minh';

describe('insideWindow', () => {
  const night = { start: '02:00', end: '05:00' };

  it('uses the screen time zone, not UTC', () => {
    // 20:30 UTC is 03:30 in Ho Chi Minh City (UTC+7).
    expect(insideWindow(at('2026-03-10T20:30:00Z'), night, HCM)).toBe(true);
    expect(insideWindow(at('2026-03-10T03:30:00Z'), night, HCM)).toBe(false);
    expect(insideWindow(at('2026-03-10T03:30:00Z'), night, 'UTC')).toBe(true);
  });

  it('includes the start minute and excludes the end minute', () => {
    expect(insideWindow(at('2026-03-10T19:00:00Z'), night, HCM)).toBe(true); // 02:00
    expect(insideWindow(at('2026-03-10T18:59:00Z'), night, HCM)).toBe(false); // 01:59
    expect(insideWindow(at('2026-03-10T22:00:00Z'), night, HCM)).toBe(false); // 05:00
  });

  it('handles windows across midnight, with days counted from the evening they open', () => {
    const weekend = { start: '22:00', end: '02:00', days: [6] }; // Saturday night
    // Saturday 2026-03-14 23:00 and Sunday 01:00 local: inside.
    expect(insideWindow(at('2026-03-14T16:00:00Z'), weekend, HCM)).toBe(true);
    expect(insideWindow(at('2026-03-14T18:00:00Z'), weekend, HCM)).toBe(true);
    // Sunday 23:00: a new night, not Saturday's.
    expect(insideWindow(at('2026-03-15T16:00:00Z'), weekend, HCM)).toBe(false);
    expect(insideWindow(at('2026-03-14T20:00:00Z'), weekend, HCM)).toBe(false); // 03:00
  });

  it('follows daylight saving time in zones that have it', () => {
    const w = { start: '03:00', end: '04:00' };
    // Berlin: 03:30 local is 02:30Z in winter (UTC+1), 01:30Z in summer (UTC+2).
    expect(insideWindow(at('2026-01-15T02:30:00Z'), w, 'Europe/Berlin')).toBe(true);
    expect(insideWindow(at('2026-07-15T01:30:00Z'), w, 'Europe/Berlin')).toBe(true);
    expect(insideWindow(at('2026-07-15T02:30:00Z'), w, 'Europe/Berlin')).toBe(false);
  });

  it('treats an equal start and end as never, and rejects malformed times', () => {
    expect(insideWindow(at('2026-03-10T20:30:00Z'), { start: '03:00', end: '03:00' }, HCM)).toBe(false);
    expect(MaintenanceWindow.safeParse({ start: '24:00', end: '05:00' }).success).toBe(false);
    expect(MaintenanceWindow.safeParse({ start: '2:00', end: '05:00' }).success).toBe(false);
  });
});

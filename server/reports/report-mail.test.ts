import { describe, expect, it } from 'vitest';
import { duePeriod, monthDays, previousMonth } from './report-mail.ts';

const ZONE = 'Asia/Ho_Chi_Minh'; // UTC+7, no DST

describe('the monthly finance report mail: which month is due when', () => {
  const first7 = { dayOfMonth: 1, hour: 7 };
  it('is the previous month from the day and hour in the hub zone on', () => {
    expect(duePeriod(Date.parse('2026-12-01T00:00:00Z'), first7, ZONE)).toBe('2026-11'); // 1 Dec 07:00 local
    expect(duePeriod(Date.parse('2026-12-31T16:59:00Z'), first7, ZONE)).toBe('2026-11'); // 31 Dec 23:59 local: still November's
    expect(duePeriod(Date.parse('2027-01-01T00:00:00Z'), first7, ZONE)).toBe('2026-12');
  });
  it('is nothing before the moment, measured in the hub zone and not in UTC', () => {
    expect(duePeriod(Date.parse('2026-11-30T23:59:00Z'), first7, ZONE)).toBeNull(); // 1 Dec 06:59 local
    expect(duePeriod(Date.parse('2026-12-09T23:00:00Z'), { dayOfMonth: 10, hour: 7 }, ZONE)).toBeNull(); // 10 Dec 06:00 local
    expect(duePeriod(Date.parse('2026-12-10T00:00:00Z'), { dayOfMonth: 10, hour: 7 }, ZONE)).toBe('2026-11');
  });
});

describe('months', () => {
  it('the previous month crosses the year', () => {
    expect(previousMonth('2027-01')).toBe('2026-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
  });
  it('first and last day, February of a leap year included', () => {
    expect(monthDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthDays('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

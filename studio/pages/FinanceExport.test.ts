import { describe, expect, it } from 'vitest';
import { monthRange, recentMonths } from './FinanceExport.tsx';

describe('finance report period picker', () => {
  it('lists the last 13 months in the hub zone, across a year', () => {
    // 31/12/2026 18:00 UTC is already 01/01/2027 in Ho Chi Minh City.
    const months = recentMonths(Date.parse('2026-12-31T18:00:00Z'), 'Asia/Ho_Chi_Minh');
    expect(months).toHaveLength(13);
    expect(months.slice(0, 3)).toEqual(['2027-01', '2026-12', '2026-11']);
    expect(months.at(-1)).toBe('2026-01');
  });

  it('gives a month its first and last day, leap years too', () => {
    expect(monthRange('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});

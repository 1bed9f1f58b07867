import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDuration, formatLocalDate, formatSize, formatTime, parseLocalDate } from './format.ts';

describe('studio formats', () => {
  it('shows instants in the hub zone as dd/MM/yyyy and 24-hour', () => {
    const at = '2026-12-31T17:30:00Z'; // 00:30 on 1 January in Hồ Chí Minh City
    expect(formatDate(at, 'Asia/Ho_Chi_Minh')).toBe('01/01/2027');
    expect(formatTime(at, 'Asia/Ho_Chi_Minh')).toBe('00:30');
    expect(formatDateTime(at, 'UTC')).toBe('31/12/2026 17:30');
  });

  it('writes sizes with the language decimal mark', () => {
    expect(formatSize(1.5 * 1024 * 1024, 'vi')).toBe('1,5 MB');
    expect(formatSize(1.5 * 1024 * 1024, 'en')).toBe('1.5 MB');
    expect(formatSize(900, 'vi')).toBe('900 B');
  });

  it('reads and writes local dates as dd/MM/yyyy', () => {
    expect(formatLocalDate('2026-03-09')).toBe('09/03/2026');
    expect(parseLocalDate('9/3/2026')).toBe('2026-03-09');
    expect(parseLocalDate('31/02/2026')).toBeNull();
    expect(formatDuration(75)).toBe('1:15');
  });
});

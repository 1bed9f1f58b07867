import { describe, expect, it } from 'vitest';
import { PlayFilter, toCsv } from './queries.ts';

describe('proof-of-play CSV', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    const csv = toCsv([{ day: '2026-11-20', device_id: 'gate-12', channel: 'lobby', item_id: '=HYPERLINK("x")', plays: 2, completed: 1, seconds: 20 }]);
    expect(csv).toBe('day,device,channel,item,plays,completed,seconds\r\n2026-11-20,gate-12,lobby,"\'=HYPERLINK(""x"")",2,1,20\r\n');
  });

  it('accepts only well-formed filters', () => {
    expect(PlayFilter.safeParse({ channel: "x' OR 1=1" }).success).toBe(false);
    expect(PlayFilter.safeParse({ group: 'day; DROP TABLE plays' }).success).toBe(false);
    expect(PlayFilter.parse({ from: '2026-11-01', channel: 'lobby' })).toEqual({ from: '2026-11-01', channel: 'lobby', group: 'day' });
  });
});

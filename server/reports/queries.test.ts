import { describe, expect, it } from 'vitest';
import { PlayFilter, toCsv } from './queries.ts';

describe('proof-of-play CSV', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    const row = { day: '2026-11-20', device_id: 'gate-12', display: 'main', channel: 'lobby', item_id: '=HYPERLINK("x")', outcome: 'skipped', reason: 'STALLED: not ready, within 5 s', plays: 2, seconds: 20 };
    expect(toCsv([row, { ...row, item_id: 'ok', outcome: 'completed', reason: null }])).toBe(
      'day,device,display,channel,item,outcome,reason,plays,seconds\r\n' +
        '2026-11-20,gate-12,main,lobby,"\'=HYPERLINK(""x"")",skipped,"STALLED: not ready, within 5 s",2,20\r\n' +
        '2026-11-20,gate-12,main,lobby,ok,completed,,2,20\r\n',
    );
  });

  it('accepts only well-formed filters', () => {
    expect(PlayFilter.safeParse({ channel: "x' OR 1=1" }).success).toBe(false);
    expect(PlayFilter.safeParse({ group: 'day; DROP TABLE plays' }).success).toBe(false);
    expect(PlayFilter.parse({ from: '2026-11-01', channel: 'lobby' })).toEqual({ from: '2026-11-01', channel: 'lobby', group: 'day' });
    expect(PlayFilter.safeParse({ outcome: 'maybe' }).success).toBe(false);
    expect(PlayFilter.parse({ display: 'kiosk', outcome: 'skipped', group: 'display' })).toEqual({ display: 'kiosk', outcome: 'skipped', group: 'display' });
  });
});

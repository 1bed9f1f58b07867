import { describe, expect, it } from 'vitest';
import { Layout } from '../../playlists/schemas/layouts.ts';
import { tickerInset } from './overlap.ts';

const layout = (zones: Record<string, unknown>) => Layout.parse({ orientation: 'landscape', zones });
const ticker = { role: 'ticker', x: 0, y: 0.9, width: 1, height: 0.1 };

describe('tickerInset', () => {
  it('is the share of the zone a ticker over its bottom covers', () => {
    const l = layout({ main: { role: 'main', x: 0, y: 0, width: 1, height: 1 }, ticker });
    expect(tickerInset(l.zones.main!, l)).toBeCloseTo(0.1);
    expect(tickerInset(l.zones.ticker!, l)).toBe(0);
  });
  it('is 0 beside the ticker, or when the zone ends above it', () => {
    const beside = layout({ main: { role: 'main', x: 0, y: 0, width: 1, height: 0.9 }, ticker });
    expect(tickerInset(beside.zones.main!, beside)).toBe(0);
    const noTicker = layout({ main: { role: 'main', x: 0, y: 0, width: 1, height: 1 } });
    expect(tickerInset(noTicker.zones.main!, noTicker)).toBe(0);
    const side = layout({ main: { role: 'main', x: 0, y: 0, width: 0.7, height: 1 }, side: { role: 'side', x: 0.7, y: 0, width: 0.3, height: 0.5 }, ticker });
    expect(tickerInset(side.zones.side!, side)).toBe(0);
    expect(tickerInset(side.zones.main!, side)).toBeCloseTo(0.1);
  });
});

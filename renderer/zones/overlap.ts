import type { Layout, Zone } from '../../playlists/schemas/layouts.ts';

/**
 * How much of a zone's bottom a ticker drawn over it covers, as a share of the
 * zone's height (0 when it does not). The standard landscape layout gives the
 * main zone the whole 16:9 screen, so a 16:9 clip fills it without black bars,
 * and draws the ticker over its bottom tenth, as broadcasters do; slides keep
 * their texts above it (styles.css: --ticker-inset), and subtitles sit above
 * 90 % of the picture already.
 */
export function tickerInset(zone: Zone, layout: Layout): number {
  if (zone.role === 'ticker') return 0;
  const ticker = Object.values(layout.zones).find((z) => z.role === 'ticker');
  if (!ticker) return 0;
  const overlapsAcross = ticker.x < zone.x + zone.width && zone.x < ticker.x + ticker.width;
  const top = Math.max(ticker.y, zone.y);
  const bottom = Math.min(ticker.y + ticker.height, zone.y + zone.height);
  // Only a ticker along the zone's bottom edge (one across its middle is not a layout anyone draws).
  if (!overlapsAcross || bottom <= top || bottom < zone.y + zone.height - 1e-6) return 0;
  return (bottom - top) / zone.height;
}

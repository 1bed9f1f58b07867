import { useEffect, useMemo, useRef } from 'react';
import type { TickerItem } from '../../playlists/schemas/items.ts';
import type { ResolvedItem } from '../playback/types.ts';
import type { PlayReport } from '../playback/zone-engine.ts';
import { TickerStrip } from './TickerStrip.tsx';
import { tickerCycle } from './ticker-text.ts';

export interface TickerZoneProps {
  items: ResolvedItem[];
  entryId: string | undefined;
  chainsFor(mode: TickerItem['languages'], pass: number): string[][];
  report(r: PlayReport): void;
  newId(): string;
}

/** The ticker zone: every ticker of its sequence in one strip, running while the entry lasts. */
export function TickerZone({ items, entryId, chainsFor, report, newId }: TickerZoneProps) {
  const tickers = items.filter((r) => r.item.kind === 'ticker');
  // Every pass of every ticker in one strip: rotation and `both` need no state, and the strip never restarts.
  const segments = useMemo(
    () => tickerCycle(items.filter((r) => r.item.kind === 'ticker').map((r) => ({ item: r.item as TickerItem, languages: r.languages })), chainsFor),
    [items, chainsFor],
  );
  const reportRef = useRef(report);
  reportRef.current = report;

  useEffect(() => {
    const plays = tickers.map((res) => ({ res, playId: newId() }));
    const base = { zone: 'ticker' as const, ...(entryId !== undefined ? { entryId } : {}) };
    for (const p of plays) reportRef.current({ ...base, phase: 'start', ...p });
    return () => {
      for (const p of plays) reportRef.current({ ...base, phase: 'end', ...p, ending: { outcome: 'completed' } });
    };
    // One play per ticker item while this sequence is on screen: keyed on the items only.
  }, [items]);

  if (tickers.length === 0) return null;
  return <TickerStrip segments={segments} speed={(tickers[0]!.item as TickerItem).speed} />;
}

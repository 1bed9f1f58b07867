import { useEffect, useRef, useState } from 'react';
import type { TickerItem } from '../../playlists/schemas/items.ts';
import type { ResolvedItem } from '../playback/types.ts';
import type { PlayReport } from '../playback/zone-engine.ts';
import { TickerStrip } from './TickerStrip.tsx';

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
  const [pass, setPass] = useState(0);
  const first = tickers[0];
  const chains = chainsFor(first?.item.languages, pass);
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
  return <TickerStrip items={tickers.map((r) => r.item as TickerItem)} chains={chains} onPass={() => setPass((p) => p + 1)} />;
}

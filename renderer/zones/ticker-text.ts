import type { LanguageMode, TickerItem } from '../../playlists/schemas/items.ts';
import { pickTexts } from '../i18n/index.ts';

/** One run of ticker text in one language (its `lang` attribute picks the font). */
export interface TickerSegment {
  text: string;
  lang: string | undefined;
}

/** The messages of one ticker item on one pass: `both` gives two chains, so each message in two languages, one after the other. */
export function tickerSegments(item: TickerItem, chains: readonly (readonly string[])[]): TickerSegment[] {
  return item.messages.flatMap((m) => pickTexts(m, chains).map((p) => ({ text: p.text + item.separator, lang: p.lang })));
}

/** More passes than this in one cycle (six-language rotations that do not divide) would make a very long strip. */
const MAX_PASSES = 12;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * The whole cycle of a ticker zone as one strip: pass after pass until every
 * `rotate` ticker is back at its first language. The strip then loops with
 * one endless animation, so changing language never restarts anything.
 */
export function tickerCycle(
  tickers: readonly { item: TickerItem; languages?: LanguageMode | undefined }[],
  chainsFor: (mode: LanguageMode | undefined, pass: number) => string[][],
): TickerSegment[] {
  let passes = 1;
  for (const t of tickers) {
    const n = t.languages?.show === 'rotate' ? t.languages.languages.length : 1;
    passes = (passes * n) / gcd(passes, n);
  }
  const out: TickerSegment[] = [];
  for (let pass = 0; pass < Math.min(passes, MAX_PASSES); pass++) {
    for (const t of tickers) out.push(...tickerSegments(t.item, chainsFor(t.languages, pass)));
  }
  return out;
}

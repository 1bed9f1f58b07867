import type { LocalizedText } from '../../playlists/schemas/common.ts';
import type { LanguageMode } from '../../playlists/schemas/items.ts';
import { pickLocalized, type PickedText } from './pick.ts';

/** Anything with an optional language mode: slides, tickers, videos (for subtitles). */
export interface HasLanguageMode {
  languages?: LanguageMode | undefined;
}

/**
 * The language chains an item shows on pass `loopIndex` of its loop: one chain
 * per line of text. `one` → [chain]; `rotate` → the loop's language first;
 * `both` → the first two languages, each falling back along `chain`.
 * The item's own mode wins over `defaults` (the playlist's defaults.languages).
 */
export function languagesFor(
  item: HasLanguageMode,
  loopIndex: number,
  chain: readonly string[],
  defaults?: LanguageMode,
): string[][] {
  const mode = item.languages ?? defaults;
  if (!mode || mode.show === 'one') return [[...chain]];
  const withChain = (lang: string) => [lang, ...chain.filter((l) => l !== lang)];
  if (mode.show === 'rotate') {
    const n = mode.languages.length;
    const index = ((Math.trunc(loopIndex) % n) + n) % n;
    return [withChain(mode.languages[index]!)];
  }
  return mode.languages.slice(0, 2).map(withChain);
}

/**
 * Slides without a language mode of their own (or the playlist's) show both
 * hall languages: the screen's, and English under it (Vietnamese under an
 * English screen). pickTexts drops the second line when the item has no text
 * in that language, so a Vietnamese-only slide stays one line.
 */
export function bilingualDefault(chain: readonly string[]): LanguageMode {
  const first = chain[0] ?? 'vi';
  const second = first === 'en' ? (chain.find((l) => l !== 'en') ?? 'vi') : 'en';
  return { show: 'both', languages: [first, second === first ? 'vi' : second] };
}

/**
 * The texts to show for `text` with the chains of languagesFor: a line whose
 * fallback lands on a text already shown is dropped, so a missing English
 * line never repeats the Vietnamese one.
 */
export function pickTexts(text: LocalizedText, chains: readonly (readonly string[])[]): PickedText[] {
  const shown: PickedText[] = [];
  for (const chain of chains) {
    const picked = pickLocalized(text, chain);
    if (!shown.some((s) => s.text === picked.text)) shown.push(picked);
  }
  return shown;
}

/**
 * Subtitle tracks to show, by the same rules as texts: per chain, the first
 * language that has a track; never the same track twice. `preferred` (the
 * playlist's defaults.subtitles) is tried after the chain's first language.
 */
export function subtitleLanguages(
  tracks: Readonly<Record<string, string>>,
  chains: readonly (readonly string[])[],
  preferred: readonly string[] = [],
): string[] {
  const chosen: string[] = [];
  for (const chain of chains) {
    const order = [chain[0], ...preferred, ...chain.slice(1)].filter((l): l is string => l !== undefined);
    const lang = order.find((l) => tracks[l] !== undefined);
    if (lang !== undefined && !chosen.includes(lang)) chosen.push(lang);
  }
  return chosen;
}

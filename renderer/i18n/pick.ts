import type { LocalizedText } from '../../playlists/schemas/common.ts';

/** Last resorts after the visitor's and the screen's language (docs/kiosk.md, "Languages"). */
export const FALLBACK_LANGUAGES = ['vi', 'en'] as const;

/**
 * The order in which a text's languages are tried: visitor language → screen
 * default → vi → en (each once). "First available" is pickText's last step.
 */
export function languageChain(visitor: string | null | undefined, screenDefault: string): string[] {
  const chain: string[] = [];
  for (const lang of [visitor, screenDefault, ...FALLBACK_LANGUAGES]) {
    if (lang && !chain.includes(lang)) chain.push(lang);
  }
  return chain;
}

/** After a visitor's own choice, by default: English (which most visitors read), then the screen's language. */
export const VISITOR_FALLBACK: readonly string[] = ['en', 'screen'];

/**
 * The chain for a kiosk visitor: their language, then `fallback` in order
 * (`screen` = the screen's language; a channel sets it with kiosk.fallback).
 * Before anyone chose, the screen's own chain (languageChain).
 */
export function visitorChain(visitor: string | null, screenDefault: string, fallback: readonly string[] = VISITOR_FALLBACK): string[] {
  if (!visitor) return languageChain(null, screenDefault);
  const chain: string[] = [];
  for (const lang of [visitor, ...fallback.map((l) => (l === 'screen' ? screenDefault : l))]) {
    if (!chain.includes(lang)) chain.push(lang);
  }
  return chain;
}

/** A text as shown, with the language it is actually in (for the `lang` attribute and the font stack). */
export interface PickedText {
  text: string;
  /** undefined for a plain string: its language is unknown, the element inherits the page's. */
  lang: string | undefined;
}

/** The primary subtag: zh-Hant → zh. */
function primary(lang: string): string {
  return lang.split('-')[0]!.toLowerCase();
}

/**
 * Picks a text along `chain`: exact tag first, then the same primary language
 * (a zh-Hant visitor gets zh before falling back), then the first available.
 */
export function pickLocalized(text: LocalizedText, chain: readonly string[]): PickedText {
  if (typeof text === 'string') return { text, lang: undefined };
  const keys = Object.keys(text);
  for (const lang of chain) {
    const exact = text[lang];
    if (exact !== undefined) return { text: exact, lang };
    const sibling = keys.find((k) => primary(k) === primary(lang));
    if (sibling !== undefined) return { text: text[sibling]!, lang: sibling };
  }
  const first = keys[0]!;
  return { text: text[first]!, lang: first };
}

/** The string to show for `text` along `chain`. */
export function pickText(text: LocalizedText, chain: readonly string[]): string {
  return pickLocalized(text, chain).text;
}

/** Whether `text` has a translation for `lang` itself (not through the fallback). */
export function hasLanguage(text: LocalizedText, lang: string): boolean {
  return typeof text !== 'string' && text[lang] !== undefined;
}

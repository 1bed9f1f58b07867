import type { LocalizedText } from '../../playlists/schemas/common.ts';

/** A playlist text in the operator's language: theirs, then vi, then en, then whichever is given. */
export function pickText(text: LocalizedText | null | undefined, lang: string): string {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[lang] ?? text.vi ?? text.en ?? Object.values(text)[0] ?? '';
}

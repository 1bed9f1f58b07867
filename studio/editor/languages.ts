import type { JsonObject } from './draft-ops.ts';

/** A language's name in the operator's language ("Tiếng Anh" / "English"), from the browser's own data. */
export function languageName(tag: string, uiLang: string): string {
  try {
    const name = new Intl.DisplayNames([uiLang], { type: 'language' }).of(tag);
    return name ? name.charAt(0).toLocaleUpperCase(uiLang) + name.slice(1) : tag;
  } catch {
    return tag;
  }
}

const LANG_KEY = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Is this object a LocalizedText map (every key a language tag, every value a string)? */
export function isTextMap(value: unknown): value is Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([k, v]) => LANG_KEY.test(k) && typeof v === 'string');
}

/** Where multilingual texts live: paths whose value is LocalizedText in the format. */
export interface TextCount {
  total: number;
  /** Per language: texts that have it (a plain string counts for every language). */
  have: Record<string, number>;
}

function walk(value: unknown, into: { maps: Record<string, string>[]; plain: number }): void {
  if (isTextMap(value)) {
    into.maps.push(value);
    return;
  }
  if (Array.isArray(value)) value.forEach((v) => walk(v, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => walk(v, into));
}

/** Per-language completeness of the texts under `part` (items, or the kiosk). */
export function completeness(part: unknown, languages: readonly string[]): TextCount {
  const into = { maps: [] as Record<string, string>[], plain: 0 };
  walk(part, into);
  const have: Record<string, number> = {};
  for (const lang of languages) have[lang] = into.maps.filter((m) => (m[lang] ?? '').trim() !== '').length;
  return { total: into.maps.length, have };
}

/** vi and en first, then every language the channel's texts, modes and kiosk already use. */
export function channelLanguages(draft: JsonObject, extra: readonly string[] = []): string[] {
  const found = new Set<string>(['vi', 'en']);
  const defaults = draft.defaults as { language?: string; languages?: { languages?: string[] } } | undefined;
  if (defaults?.language) found.add(defaults.language);
  defaults?.languages?.languages?.forEach((l) => found.add(l));
  const into = { maps: [] as Record<string, string>[], plain: 0 };
  walk({ items: draft.items, kiosk: draft.kiosk }, into);
  for (const m of into.maps) Object.keys(m).forEach((l) => found.add(l));
  extra.forEach((l) => found.add(l));
  return [...found];
}

import { KIOSK_LANGUAGES } from '../../playlists/schemas/kiosk.ts';
import { en, type MessageKey, type Messages } from './messages/en.ts';
import { fil } from './messages/fil.ts';
import { fr } from './messages/fr.ts';
import { id } from './messages/id.ts';
import { ja } from './messages/ja.ts';
import { km } from './messages/km.ts';
import { ko } from './messages/ko.ts';
import { lo } from './messages/lo.ts';
import { ms } from './messages/ms.ts';
import { my } from './messages/my.ts';
import { th } from './messages/th.ts';
import { vi } from './messages/vi.ts';
import { zh } from './messages/zh.ts';

export type { MessageKey, Messages };

/** The player's own texts, per language (the kiosk picker's languages). */
export const MESSAGES: Readonly<Record<(typeof KIOSK_LANGUAGES)[number], Messages>> = {
  vi, en, fr, zh, ja, ko, th, id, ms, km, lo, my, fil,
};

export const UI_LANGUAGES: readonly string[] = KIOSK_LANGUAGES;

function messagesFor(lang: string): Messages | undefined {
  return Object.hasOwn(MESSAGES, lang) ? (MESSAGES as Record<string, Messages>)[lang] : undefined;
}

/** The language a UI text will actually be shown in along `chain`: exact tag, then its primary language; English last. */
export function uiLanguage(chain: readonly string[]): string {
  for (const lang of chain) {
    if (messagesFor(lang)) return lang;
    const base = lang.split('-')[0]!;
    if (messagesFor(base)) return base;
  }
  return 'en';
}

/** A UI text along `chain`, with `{name}` placeholders filled from `vars`. */
export function uiText(key: MessageKey, chain: readonly string[], vars: Readonly<Record<string, string | number>> = {}): string {
  const messages = messagesFor(uiLanguage(chain)) ?? en;
  return messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A language's own name for itself ("Tiếng Việt", "ខ្មែរ"); the tag itself when unknown. */
export function nativeLanguageName(lang: string): string {
  return messagesFor(lang)?.languageName ?? messagesFor(lang.split('-')[0]!)?.languageName ?? lang;
}

import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { enLogin } from './en-login.ts';
import { formatDate, formatDateTime, formatDateTimeSeconds, formatSize, formatTime, type StudioLang } from './format.ts';
import { viLogin } from './vi-login.ts';
import type { MessageKey } from './vi.ts';

export type { MessageKey, StudioLang };
export const STUDIO_LANGS: readonly StudioLang[] = ['vi', 'en'];
export const DEFAULT_ZONE = 'Asia/Ho_Chi_Minh';

export type Catalogues = Readonly<Record<StudioLang, Readonly<Record<MessageKey, string>>>>;

/**
 * The login page's texts (the first script carries only those); the whole
 * catalogue arrives with the signed-in chunk, which calls addCatalogues
 * before anything signed in is drawn (App.tsx).
 */
const catalogues: Record<StudioLang, Readonly<Partial<Record<MessageKey, string>>>> = { vi: viLogin, en: enLogin };

export function addCatalogues(full: Catalogues): void {
  for (const lang of STUDIO_LANGS) catalogues[lang] = full[lang];
}

const STORAGE_KEY = 'pano.studio.language';

export type Params = Record<string, string | number>;

/** `{name}` placeholders filled from params; a missing one stays visible so it is noticed. */
export function translate(lang: StudioLang, key: MessageKey, params: Params = {}): string {
  // A key the loaded catalogue lacks shows as itself (noticed, never blank).
  return (catalogues[lang][key] ?? key)
    .replace(/\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g, (all, name: string, one: string, other: string) => (name in params ? pluralOf(lang, Number(params[name]), one, other) : all))
    .replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

/**
 * `{n|screen|screens}`: the word for the count in `n`, by the language's
 * plural rules ("1 screen", "2 screens"). Vietnamese has one form and needs
 * none; English does.
 */
function pluralOf(lang: StudioLang, n: number, one: string, other: string): string {
  return new Intl.PluralRules(lang).select(n) === 'one' ? one : other;
}

/** Before sign-in: what the operator chose on this browser, else the browser's languages, else Vietnamese. */
export function initialLanguage(stored: string | null, browser: readonly string[]): StudioLang {
  if (stored === 'vi' || stored === 'en') return stored;
  for (const tag of browser) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'vi' || primary === 'en') return primary;
  }
  return 'vi';
}

export function storedLanguage(): StudioLang {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // storage disabled: fall through to the browser's languages
  }
  return initialLanguage(stored, navigator.languages ?? [navigator.language]);
}

export function rememberLanguage(lang: StudioLang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not fatal: the account keeps it once signed in
  }
}

export interface I18n {
  lang: StudioLang;
  timeZone: string;
  t(key: MessageKey, params?: Params): string;
  date(at: number | string | Date): string;
  time(at: number | string | Date): string;
  dateTime(at: number | string | Date): string;
  /** dd/MM/yyyy HH:mm:ss, hub zone. */
  dateTimeSeconds(at: number | string | Date): string;
  size(bytes: number): string;
}

export function makeI18n(lang: StudioLang, timeZone: string): I18n {
  return {
    lang,
    timeZone,
    t: (key, params) => translate(lang, key, params),
    date: (at) => formatDate(at, timeZone),
    time: (at) => formatTime(at, timeZone),
    dateTime: (at) => formatDateTime(at, timeZone),
    dateTimeSeconds: (at) => formatDateTimeSeconds(at, timeZone),
    size: (bytes) => formatSize(bytes, lang),
  };
}

const Context = createContext<I18n>(makeI18n('vi', DEFAULT_ZONE));

export function I18nProvider({ lang, timeZone, children }: { lang: StudioLang; timeZone: string; children: ReactNode }) {
  const value = useMemo(() => makeI18n(lang, timeZone), [lang, timeZone]);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = translate(lang, 'app.title');
  }, [lang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export const useI18n = (): I18n => useContext(Context);

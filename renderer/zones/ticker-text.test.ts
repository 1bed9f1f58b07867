import { describe, expect, it } from 'vitest';
import type { LanguageMode, TickerItem } from '../../playlists/schemas/items.ts';
import { languageChain, languagesFor } from '../i18n/index.ts';
import { tickerCycle } from './ticker-text.ts';

const item = (languages?: LanguageMode): TickerItem => ({
  kind: 'ticker',
  messages: [{ vi: 'Xin chào', en: 'Hello' }, 'Cà Mau'],
  separator: ' • ',
  speed: 120,
  ...(languages ? { languages } : {}),
});
const chainsFor = (mode: LanguageMode | undefined, pass: number) => languagesFor({ languages: mode }, pass, languageChain('vi', 'vi'));
const cycle = (...items: TickerItem[]) => tickerCycle(items.map((i) => ({ item: i, languages: i.languages })), chainsFor).map((s) => `${s.lang ?? '-'}:${s.text}`);

describe('tickerCycle', () => {
  it('one language: the messages once', () => {
    expect(cycle(item())).toEqual(['vi:Xin chào • ', '-:Cà Mau • ']);
  });

  it('rotate: one pass per language, in order', () => {
    expect(cycle(item({ show: 'rotate', languages: ['vi', 'en'] }))).toEqual(['vi:Xin chào • ', '-:Cà Mau • ', 'en:Hello • ', '-:Cà Mau • ']);
  });

  it('both: each message in two languages, a text without a translation once', () => {
    expect(cycle(item({ show: 'both', languages: ['vi', 'en'] }))).toEqual(['vi:Xin chào • ', 'en:Hello • ', '-:Cà Mau • ']);
  });

  it('tickers rotating at different lengths: passes until both are back at the start', () => {
    const three = { ...item({ show: 'rotate', languages: ['vi', 'en', 'fr'] }), messages: [{ vi: 'a', en: 'b', fr: 'c' }] };
    const two = { ...item({ show: 'rotate', languages: ['vi', 'en'] }), messages: [{ vi: 'x', en: 'y' }] };
    expect(cycle(three, two).map((s) => s.slice(3, 4)).join('')).toBe('axbycxaybxcy');
  });
});

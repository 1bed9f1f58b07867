import { describe, expect, it } from 'vitest';
import { KIOSK_LANGUAGES } from '../../playlists/schemas/kiosk.ts';
import {
  MESSAGES,
  bilingualDefault,
  languageChain,
  visitorChain,
  languagesFor,
  nativeLanguageName,
  pickLocalized,
  pickText,
  pickTexts,
  playerScreenText,
  subtitleLanguages,
  uiText,
} from './index.ts';
import { en } from './messages/en.ts';

describe('visitorChain', () => {
  it('goes from the visitor\'s choice to English, then to the screen\'s language', () => {
    expect(visitorChain('th', 'vi')).toEqual(['th', 'en', 'vi']);
    expect(visitorChain('en', 'vi')).toEqual(['en', 'vi']);
    const text = { vi: 'Xin chào', en: 'Hello' };
    expect(pickText(text, visitorChain('ja', 'vi'))).toBe('Hello');
    expect(pickText({ vi: 'Xin chào', fr: 'Bonjour' }, visitorChain('ja', 'vi'))).toBe('Xin chào');
  });
  it('follows the channel\'s own order, and the screen\'s chain before anyone chose', () => {
    expect(visitorChain('km', 'vi', ['screen', 'en'])).toEqual(['km', 'vi', 'en']);
    expect(visitorChain('lo', 'vi', ['th', 'en', 'screen'])).toEqual(['lo', 'th', 'en', 'vi']);
    expect(visitorChain(null, 'fr')).toEqual(languageChain(null, 'fr'));
  });
});

describe('bilingualDefault', () => {
  it('pairs the screen\'s language with English, or English with the screen\'s other language', () => {
    expect(bilingualDefault(['vi', 'en'])).toEqual({ show: 'both', languages: ['vi', 'en'] });
    expect(bilingualDefault(['en', 'vi'])).toEqual({ show: 'both', languages: ['en', 'vi'] });
    expect(bilingualDefault(['th', 'vi', 'en'])).toEqual({ show: 'both', languages: ['th', 'en'] });
    expect(bilingualDefault(['en'])).toEqual({ show: 'both', languages: ['en', 'vi'] });
  });
  it('shows one line when the item has only one of the two', () => {
    const chains = languagesFor({}, 0, ['vi', 'en'], bilingualDefault(['vi', 'en']));
    expect(pickTexts({ vi: 'Quét mã', en: 'Scan the code' }, chains).map((t) => t.text)).toEqual(['Quét mã', 'Scan the code']);
    expect(pickTexts({ vi: 'Quét mã' }, chains).map((t) => t.text)).toEqual(['Quét mã']);
  });
});

describe('languageChain', () => {
  it('is visitor → screen default → vi → en, each once', () => {
    expect(languageChain('th', 'en')).toEqual(['th', 'en', 'vi']);
    expect(languageChain('km', 'vi')).toEqual(['km', 'vi', 'en']);
    expect(languageChain(null, 'fr')).toEqual(['fr', 'vi', 'en']);
    expect(languageChain('vi', 'vi')).toEqual(['vi', 'en']);
  });
});

describe('pickText', () => {
  const text = { vi: 'Xin chào', en: 'Hello', 'zh-Hant': '你好' };
  it('takes the visitor language when present', () => {
    expect(pickText(text, languageChain('en', 'vi'))).toBe('Hello');
  });
  it('falls back to the screen default, then vi, then en, then the first available', () => {
    expect(pickText({ fr: 'Bonjour', en: 'Hello' }, languageChain('th', 'fr'))).toBe('Bonjour');
    expect(pickText(text, languageChain('th', 'ko'))).toBe('Xin chào');
    expect(pickText({ en: 'Hello', ja: 'こんにちは' }, languageChain('th', 'ko'))).toBe('Hello');
    expect(pickLocalized({ ja: 'こんにちは', ko: '안녕' }, languageChain('th', 'vi'))).toEqual({ text: 'こんにちは', lang: 'ja' });
  });
  it('matches the primary language of a regional tag', () => {
    expect(pickLocalized(text, ['zh'])).toEqual({ text: '你好', lang: 'zh-Hant' });
  });
  it('returns a plain string as is, with no language', () => {
    expect(pickLocalized('OCOP ★★★★', ['en'])).toEqual({ text: 'OCOP ★★★★', lang: undefined });
  });
});

describe('languagesFor', () => {
  const chain = languageChain(null, 'vi');
  it('one: the screen chain', () => {
    expect(languagesFor({}, 3, chain)).toEqual([chain]);
    expect(languagesFor({ languages: { show: 'one', languages: ['en'] } }, 0, chain)).toEqual([chain]);
  });
  it('rotate: the next language on every loop, wrapping around', () => {
    const item = { languages: { show: 'rotate' as const, languages: ['vi', 'en', 'zh'] } };
    expect([0, 1, 2, 3, 4].map((i) => languagesFor(item, i, chain)[0]![0])).toEqual(['vi', 'en', 'zh', 'vi', 'en']);
    expect(languagesFor(item, 2, chain)[0]).toEqual(['zh', 'vi', 'en']);
  });
  it('both: the first two languages at once, and the defaults mode when the item has none', () => {
    const lines = languagesFor({}, 0, chain, { show: 'both', languages: ['vi', 'en', 'fr'] });
    expect(lines.map((l) => l[0])).toEqual(['vi', 'en']);
    expect(pickTexts({ vi: 'Chào', en: 'Hi' }, lines).map((p) => p.text)).toEqual(['Chào', 'Hi']);
  });
  it('both: a missing second language does not repeat the first line', () => {
    const lines = languagesFor({ languages: { show: 'both', languages: ['vi', 'th'] } }, 0, chain);
    expect(pickTexts({ vi: 'Chào', en: 'Hi' }, lines).map((p) => p.text)).toEqual(['Chào']);
  });
  it('subtitles follow the same rules', () => {
    const tracks = { en: 'doc-en', vi: 'doc-vi' };
    const rotate = { languages: { show: 'rotate' as const, languages: ['vi', 'en'] } };
    expect(subtitleLanguages(tracks, languagesFor(rotate, 1, chain))).toEqual(['en']);
    expect(subtitleLanguages(tracks, languagesFor({ languages: { show: 'both', languages: ['vi', 'en'] } }, 0, chain))).toEqual(['vi', 'en']);
    expect(subtitleLanguages({ en: 'doc-en' }, [languageChain('th', 'fr')], ['en'])).toEqual(['en']);
    expect(subtitleLanguages({}, [chain])).toEqual([]);
  });
});

describe('UI texts', () => {
  it('exist, non-empty, for every kiosk language and every key', () => {
    for (const lang of KIOSK_LANGUAGES) {
      const messages = MESSAGES[lang];
      expect(Object.keys(messages).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, value] of Object.entries(messages)) expect(value.trim(), `${lang}.${key}`).not.toBe('');
    }
  });
  it('keep every placeholder of the English text', () => {
    for (const lang of KIOSK_LANGUAGES) {
      for (const [key, value] of Object.entries(en)) {
        const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(names(MESSAGES[lang][key as keyof typeof en]), `${lang}.${key}`).toEqual(names(value));
      }
    }
  });
  it('translate and fill placeholders, falling back along the chain', () => {
    expect(uiText('quizScore', ['vi'], { score: 2, total: 3 })).toBe('Bạn trả lời đúng 2/3 câu');
    expect(uiText('home', languageChain('xx', 'th'))).toBe('หน้าแรก');
    expect(uiText('back', ['zh-Hans'])).toBe('返回');
    expect(uiText('home', ['xx'])).toBe('Home');
  });
  it('give native language names', () => {
    expect(KIOSK_LANGUAGES.map(nativeLanguageName)).toEqual([
      'Tiếng Việt', 'English', 'Français', '中文', '日本語', '한국어', 'ไทย',
      'Bahasa Indonesia', 'Bahasa Melayu', 'ខ្មែរ', 'ລາວ', 'မြန်မာ', 'Filipino',
    ]);
    expect(nativeLanguageName('de')).toBe('de');
  });
  it('describe the preparing, pairing and idle screens', () => {
    const progress = { assetsReady: 3, assetsTotal: 8, bytesDone: 0, bytesTotal: 0 };
    expect(playerScreenText('preparing', ['en'], { progress, pairing: null })).toEqual({
      title: 'Preparing content…',
      lines: ['3 of 8 files ready'],
    });
    const pairing = { code: 'K7Q-2MX', url: 'https://hub.example/pair', expiresAt: '2026-11-22T03:00:00Z' };
    expect(playerScreenText('pairing', ['km'], { progress, pairing }, () => '10:00').lines[1]).toBe('លេខកូដមានសុពលភាពរហូតដល់ 10:00។');
    expect(playerScreenText('idle', ['lo']).title).toBe('ຕອນນີ້ບໍ່ມີເນື້ອຫາຕາມກຳນົດເວລາ');
  });
});

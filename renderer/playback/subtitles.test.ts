import { describe, expect, it } from 'vitest';
import { languageChain, languagesFor } from '../i18n/index.ts';
import { subtitlesToShow } from './subtitles.ts';
import type { LanguageMode } from '../../playlists/schemas/items.ts';

const subtitles = [
  { lang: 'en', src: '/media/en' },
  { lang: 'vi', src: '/media/vi' },
];
const chain = languageChain('vi', 'vi');
const show = (languages: LanguageMode | undefined, pass: number, subtitlePreference: string[] = []) =>
  subtitlesToShow({ subtitles, subtitlePreference, ...(languages ? { languages } : {}) }, languagesFor({ languages }, pass, chain));

describe('subtitlesToShow', () => {
  it('rotate: one language per pass, in the mode’s order', () => {
    const rotate: LanguageMode = { show: 'rotate', languages: ['vi', 'en'] };
    expect([0, 1, 2].map((p) => show(rotate, p))).toEqual([['vi'], ['en'], ['vi']]);
  });

  it('both: two tracks, the first language on top', () => {
    expect(show({ show: 'both', languages: ['en', 'vi'] }, 0)).toEqual(['en', 'vi']);
  });

  it('no mode: only defaults.subtitles is switched on, the screen language first among them', () => {
    expect(show(undefined, 0)).toEqual([]);
    expect(show(undefined, 0, ['en'])).toEqual(['en']);
    expect(show(undefined, 0, ['en', 'vi'])).toEqual(['vi']);
  });

  it('a language the item has no track for falls back along the chain, never showing a track twice', () => {
    expect(show({ show: 'both', languages: ['fr', 'vi'] }, 0)).toEqual(['vi']);
  });
});

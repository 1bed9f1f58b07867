import { describe, expect, it } from 'vitest';
import { channelLanguages, completeness } from './languages.ts';

describe('channel languages', () => {
  const draft = {
    items: { a: { kind: 'slide', fields: { title: { vi: 'Xin chào', en: 'Hello', fr: 'Bonjour' }, subtitle: { vi: 'Cà Mau' } } } },
    kiosk: { home: { title: { vi: 'Khám phá', en: 'Explore' } }, pages: {} },
  };

  it('lists vi, en, then the languages the texts use', () => {
    expect(channelLanguages(draft)).toEqual(['vi', 'en', 'fr']);
  });

  it('counts, per language, the texts that have it', () => {
    expect(completeness(draft.items, ['vi', 'en', 'fr'])).toEqual({ total: 2, have: { vi: 2, en: 1, fr: 1 } });
    expect(completeness(draft.kiosk, ['vi', 'en', 'fr']).have).toEqual({ vi: 1, en: 1, fr: 0 });
  });
});

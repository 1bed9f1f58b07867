import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJson, parseUnknown } from '../../playlists/parse.ts';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import { kioskFor, pickerLanguages } from './active.ts';
import { kioskTexts, missingIn } from '../../playlists/kiosk-texts.ts';
import { Kiosk, KIOSK_LANGUAGES } from '../../playlists/schemas/kiosk.ts';
import { quizReducer, type QuizState } from './quiz-state.ts';
import { parseRichText } from './rich-text.ts';

const example = parseJson(Playlist, readFileSync(join(import.meta.dirname, '../../playlists/examples/ca-mau-airport.json'), 'utf8'), 'example');

describe('parseRichText', () => {
  it('splits paragraphs on blank lines and marks **bold** runs', () => {
    expect(parseRichText('Mũi Cà Mau.\n\nKhu **Mũi Cà Mau** được công nhận.')).toEqual([
      [{ text: 'Mũi Cà Mau.', bold: false }],
      [
        { text: 'Khu ', bold: false },
        { text: 'Mũi Cà Mau', bold: true },
        { text: ' được công nhận.', bold: false },
      ],
    ]);
  });
  it('keeps single line breaks, CRLF and unmatched stars as text', () => {
    expect(parseRichText('a\r\nb\r\n\r\n**c')).toEqual([[{ text: 'a\nb', bold: false }], [{ text: '**c', bold: false }]]);
    expect(parseRichText('\n\n  \n')).toEqual([]);
  });
});

describe('quizReducer', () => {
  const quiz = { questions: [{ answer: 0 }, { answer: 2 }] };
  const run = (...actions: Parameters<typeof quizReducer>[2][]) => actions.reduce<QuizState>((s, a) => quizReducer(quiz, s, a), { step: 'intro' });
  it('scores right answers and ends with the total', () => {
    expect(run({ type: 'start' }, { type: 'answer', choice: 0 }, { type: 'next' }, { type: 'answer', choice: 1 }, { type: 'next' })).toEqual({ step: 'done', score: 1, total: 2 });
  });
  it('takes one answer per question and no skipping ahead', () => {
    expect(run({ type: 'start' }, { type: 'answer', choice: 1 }, { type: 'answer', choice: 0 })).toEqual({ step: 'question', index: 0, score: 0, chosen: 1 });
    expect(run({ type: 'start' }, { type: 'next' })).toEqual({ step: 'question', index: 0, score: 0, chosen: null });
  });
  it('starts over from zero', () => {
    const done = run({ type: 'start' }, { type: 'answer', choice: 0 }, { type: 'next' }, { type: 'answer', choice: 2 }, { type: 'next' });
    expect(quizReducer(quiz, done, { type: 'start' })).toEqual({ step: 'question', index: 0, score: 0, chosen: null });
  });
});

describe('kioskFor', () => {
  it('offers pages only on touch displays named by the kiosk', () => {
    expect(kioskFor(example, { id: 'main', orientation: 'landscape', touch: true })).toBe(example.kiosk);
    expect(kioskFor(example, { id: 'main', orientation: 'landscape', touch: false })).toBeNull();
    const named = { ...example, kiosk: { ...example.kiosk!, displays: ['kiosk'] } };
    expect(kioskFor(named, { id: 'main', orientation: 'landscape', touch: true })).toBeNull();
    expect(kioskFor(named, { id: 'kiosk', orientation: 'portrait', touch: true })).toBe(named.kiosk);
    expect(kioskFor({ ...example, kiosk: undefined }, { id: 'kiosk', orientation: 'landscape', touch: true })).toBeNull();
  });
  it('puts the screen language in the picker even when the list lacks it', () => {
    expect(pickerLanguages({ ...example.kiosk!, offer: 'listed', languages: ['en', 'fr'] }, 'vi')).toEqual(['vi', 'en', 'fr']);
    expect(pickerLanguages(example.kiosk!, 'vi')[0]).toBe('vi');
  });
  it('offers only the languages in which every text exists, unless the channel lists them all', () => {
    const kiosk = {
      ...example.kiosk!,
      languages: ['vi', 'en', 'th', 'fr'],
      home: { ...example.kiosk!.home, title: { vi: 'Khám phá', en: 'Explore', th: 'สำรวจ' }, subtitle: 'Cà Mau', sections: [{ id: 's', page: 'p', title: { vi: 'A', en: 'A', th: 'ก', fr: 'A' } }] },
      pages: { p: { title: { vi: 'Trang', en: 'Page', th: 'หน้า' }, blocks: [{ kind: 'map' as const, asset: 'm', points: [{ id: 'x', x: 0, y: 0, title: { vi: 'Mũi', en: 'Cape' } }] }] } },
      quizzes: {},
    };
    // Thai lacks the map point, French the title: neither is offered; listed, both are.
    expect(pickerLanguages(kiosk, 'vi')).toEqual(['vi', 'en']);
    expect(pickerLanguages({ ...kiosk, offer: 'listed' }, 'vi')).toEqual(['vi', 'en', 'th', 'fr']);
    expect(missingIn(kioskTexts(kiosk), 'th')).toEqual(['Mũi']);
  });
  it('the demo kiosk is complete in all 13 languages and offers them all', () => {
    // A draft: its assets get their hashes when the demo uploads them, so only the kiosk part is parsed here.
    const draft = JSON.parse(readFileSync(join(import.meta.dirname, '../../cli/demo/ca-mau-demo.draft.json'), 'utf8')) as { kiosk: unknown };
    const kiosk = parseUnknown(Kiosk, draft.kiosk, 'demo kiosk');
    const texts = kioskTexts(kiosk);
    expect(texts.length).toBeGreaterThan(60);
    for (const lang of KIOSK_LANGUAGES) expect(missingIn(texts, lang), lang).toEqual([]);
    expect(pickerLanguages(kiosk, 'vi')).toEqual([...KIOSK_LANGUAGES]);
  });
});

import { describe, expect, it } from 'vitest';
import { diffPlaylists } from './board-diff.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const base = () => ({
  schemaVersion: 1,
  channel: 'ca-mau',
  version: 3,
  issuedAt: '2026-12-01T00:00:00.000Z',
  expiresAt: '2026-12-31T00:00:00.000Z',
  title: 'Cà Mau',
  audience: { all: true },
  assets: { clip: { type: 'video/mp4', sha256: A, size: 10, urls: ['../media/a'] }, vtt: { type: 'text/vtt', sha256: A, size: 1, urls: ['../media/a'] } },
  items: {
    hello: { kind: 'slide', template: 'headline', duration: 10, fields: { title: { vi: 'Xin chào', en: 'Welcome' } } },
    film: { kind: 'video', asset: 'clip', subtitles: { vi: 'vtt' } },
  },
  sequences: { main: { items: ['hello', 'film'] } },
  schedule: { entries: [{ id: 'always', layout: 'full', content: { main: 'main' } }] },
});

describe('diffPlaylists: what a content officer reads', () => {
  it('finds nothing between a version and itself re-issued (version, times and key order are not content)', () => {
    const later = { ...base(), version: 4, issuedAt: '2026-12-02T00:00:00.000Z', expiresAt: '2027-01-01T00:00:00.000Z' };
    const reordered = Object.fromEntries(Object.entries(later).reverse());
    expect(diffPlaylists(base(), reordered)).toEqual([]);
  });

  it('names each text change per language, leaving unchanged languages out', () => {
    const next = base();
    next.items.hello.fields.title = { vi: 'Bão số 9', en: 'Welcome' };
    expect(diffPlaylists(base(), next)).toEqual([
      { kind: 'text', item: 'hello', title: { vi: 'Bão số 9', en: 'Welcome' }, field: 'fields.title', language: 'vi', before: 'Xin chào', after: 'Bão số 9' },
    ]);
    const english = base();
    english.items.hello.fields.title = { vi: 'Xin chào', en: 'Storm no. 9', zh: '台风' } as never;
    expect(diffPlaylists(base(), english).map((c) => (c.kind === 'text' ? [c.language, c.before, c.after] : c.kind))).toEqual([
      ['en', 'Welcome', 'Storm no. 9'],
      ['zh', null, '台风'],
    ]);
  });

  it('tells media replaced (same asset id, new sha256), subtitles added, items added and removed, loops and schedule', () => {
    const next = base() as ReturnType<typeof base> & { assets: Record<string, unknown> };
    next.assets.clip = { ...next.assets.clip, sha256: B };
    next.assets.envtt = { type: 'text/vtt', sha256: B, size: 1, urls: ['../media/b'] };
    (next.items.film as { subtitles: Record<string, string> }).subtitles.en = 'envtt';
    delete (next.items as Record<string, unknown>).hello;
    (next.items as Record<string, unknown>).tide = { kind: 'slide', template: 'headline', duration: 8, fields: { title: 'Triều cường' } };
    next.sequences.main.items = ['tide', 'film'];
    next.schedule.entries = [{ id: 'always', layout: 'full', content: { main: 'main' }, weekdays: [1, 2] } as never, { id: 'night', layout: 'full', content: { main: 'main' } }];
    const kinds = diffPlaylists(base(), next).map((c) => {
      if (c.kind === 'media') return `media ${c.item} ${c.field} ${c.change} ${c.before?.sha256?.[0] ?? '-'}→${c.after?.sha256?.[0] ?? '-'}`;
      if (c.kind === 'schedule') return `schedule ${c.entry} ${c.change} ${c.fields.join(',')}`;
      if (c.kind === 'loop') return `loop ${c.sequence} ${c.before.join(',')}→${c.after.join(',')}`;
      return `${c.kind} ${'item' in c ? c.item : ''}`;
    });
    expect(kinds).toEqual([
      'itemRemoved hello',
      'media film asset changed a→b',
      'media film subtitles.en added -→b',
      'itemAdded tide',
      'loop main hello,film→tide,film',
      'schedule always changed weekdays',
      'schedule night added ',
    ]);
  });

  it('reports other settings of an item and other parts of the playlist by name', () => {
    const next = { ...base(), audience: { all: false, tags: ['airport'], devices: [] }, title: 'Cà Mau 2' };
    next.items = { ...next.items, hello: { ...next.items.hello, duration: 12 } };
    expect(diffPlaylists(base(), next)).toEqual([
      { kind: 'text', item: null, title: null, field: 'title', language: null, before: 'Cà Mau', after: 'Cà Mau 2' },
      { kind: 'other', part: 'audience' },
      { kind: 'field', item: 'hello', title: { vi: 'Xin chào', en: 'Welcome' }, field: 'duration', before: '10', after: '12' },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { fileTitle, itemTitle, mediaTitle, type MediaNames } from './titles.ts';

const library = new Map<string, MediaNames>([
  ['a'.repeat(64), { title: null, name: 'mangrove-forest.jpg' }],
  ['b'.repeat(64), { title: 'Cua Năm Căn', name: 'cua.mp4' }],
]);
const assets = { forest: { sha256: 'a'.repeat(64) }, crab: { sha256: 'b'.repeat(64) }, gone: { sha256: 'c'.repeat(64) } };
const title = (item: unknown) => itemTitle(item, assets, (sha) => library.get(sha));

describe('itemTitle: a human title for every kind of item without one', () => {
  it('keeps the item’s own title, ignoring an empty one', () => {
    expect(title({ kind: 'image', asset: 'forest', title: { vi: 'Rừng đước', en: 'Mangroves' } })).toEqual({ vi: 'Rừng đước', en: 'Mangroves' });
    expect(title({ kind: 'image', asset: 'forest', title: { vi: '', en: ' ' } })).toBe('mangrove-forest');
    expect(title({ kind: 'image', asset: 'forest', title: '' })).toBe('mangrove-forest');
  });

  it('names a ticker by its first message, in every language it has', () => {
    expect(title({ kind: 'ticker', messages: [{ vi: 'Chào mừng', en: 'Welcome' }, 'Hai'] })).toEqual({ vi: 'Chào mừng', en: 'Welcome' });
    expect(title({ kind: 'ticker', messages: ['', 'Tin thứ hai'] })).toBe('Tin thứ hai');
  });

  it('names a slide by its headline, a product card by its name', () => {
    expect(title({ kind: 'slide', template: 'headline', fields: { title: { vi: 'Xin chào', en: 'Welcome' } } })).toEqual({ vi: 'Xin chào', en: 'Welcome' });
    expect(title({ kind: 'slide', template: 'product-card', fields: { name: 'Mật ong U Minh', image: 'forest' } })).toBe('Mật ong U Minh');
  });

  it('names a video, a picture or a cached stream by its library title, else its file name without extension', () => {
    expect(title({ kind: 'video', asset: 'crab' })).toBe('Cua Năm Căn');
    expect(title({ kind: 'image', asset: 'forest' })).toBe('mangrove-forest');
    expect(title({ kind: 'hls', mode: 'vod', asset: 'crab' })).toBe('Cua Năm Căn');
    expect(title({ kind: 'video', asset: 'gone' })).toBeUndefined();
    expect(title({ kind: 'video', asset: 'nowhere' })).toBeUndefined();
  });

  it('names a live stream by its address', () => {
    expect(title({ kind: 'hls', mode: 'live', url: 'https://tv.camau.gov.vn/live/ctv-ca-mau.m3u8?token=1' })).toBe('ctv-ca-mau');
    expect(title({ kind: 'hls', mode: 'live', url: 'https://tv.camau.gov.vn/live/index.m3u8' })).toBe('tv.camau.gov.vn');
  });

  it('reads a half-written draft without throwing', () => {
    for (const item of [null, 'x', [], {}, { kind: 'slide' }, { kind: 'ticker', messages: 'no' }, { kind: 'hls', mode: 'live' }]) expect(title(item)).toBeUndefined();
    expect(itemTitle({ kind: 'video', asset: 'crab' }, null, () => undefined)).toBeUndefined();
  });
});

describe('media titles', () => {
  it('are the edited title, else the file name without its extension', () => {
    expect(mediaTitle({ title: 'Cua', name: 'cua.mp4' })).toBe('Cua');
    expect(mediaTitle({ title: null, name: 'Mũi Cà Mau.mp4' })).toBe('Mũi Cà Mau');
    expect(fileTitle('.hidden')).toBe('.hidden');
    expect(fileTitle('README')).toBe('README');
  });
});

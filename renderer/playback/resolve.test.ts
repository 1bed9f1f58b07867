import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../playlists/parse.ts';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import { resolveItem, resolveSequence } from './resolve.ts';

const example = parseJson(Playlist, readFileSync(new URL('../../playlists/examples/ca-mau-airport.json', import.meta.url), 'utf8'), 'example');
const hashes = Object.fromEntries(Object.entries(example.assets).map(([id, a]) => [id, a.sha256]));
const media = Object.fromEntries(Object.entries(example.assets).map(([id, a]) => [id, `/media/${a.sha256}`]));

describe('resolveItem', () => {
  it('gives media URLs and hashes from the core, and the transition from the defaults', () => {
    const r = resolveItem(example, { media, assetHashes: hashes }, 'promo-tourism');
    expect(r.src).toBe(media['tourism-mui-ca-mau']);
    expect(r.sha256).toBe(example.assets['tourism-mui-ca-mau']!.sha256);
    expect(r.transition).toEqual({ type: 'fade', ms: 500 });
    expect(resolveItem(example, { media, assetHashes: hashes }, 'promo-crab').transition.type).toBe('cut');
  });

  it('keeps every subtitle track, the preferred languages (defaults.subtitles) first', () => {
    const r = resolveItem(example, { media, assetHashes: hashes }, 'documentary');
    expect(r.subtitles[0]).toEqual({ lang: 'en', src: media['documentary-en'] });
    expect(r.subtitlePreference).toEqual(example.defaults.subtitles);
  });

  it('a live stream keeps its own URL and resolves its fallback', () => {
    const r = resolveItem(example, { media, assetHashes: hashes }, 'live-festival');
    expect(r.src).toBe('https://live.example.org/camau/festival/index.m3u8');
    expect(r.sha256).toBeUndefined();
    expect(r.fallback?.id).toBe('headline-destination');
  });

  it('an asset the core has not given a URL for stays without src (the slot then fails and is skipped)', () => {
    const r = resolveItem(example, { media: {}, assetHashes: {} }, 'mangrove');
    expect(r.src).toBeUndefined();
  });

  it('resolves a sequence in order', () => {
    expect(resolveSequence(example, { media, assetHashes: hashes }, 'loop-cuisine').map((r) => r.id)).toEqual(['promo-crab', 'product-honey', 'countdown-festival']);
  });
});

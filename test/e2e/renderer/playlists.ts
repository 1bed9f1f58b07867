import type { MediaFixtures } from '../../fixtures/make-media.ts';
import { assetOf } from './player.ts';

/** Layouts every test playlist has. */
export const LAYOUTS = {
  full: { orientation: 'landscape', zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 1 } } },
  tall: {
    orientation: 'portrait',
    background: '#102030',
    zones: {
      main: { role: 'main', x: 0, y: 0, width: 1, height: 0.9 },
      ticker: { role: 'ticker', x: 0, y: 0.9, width: 1, height: 0.1, background: '#0b3d2e' },
    },
  },
  /** Landscape with every zone role: main on the left, side on the right, ticker along the bottom. */
  split: {
    orientation: 'landscape',
    zones: {
      main: { role: 'main', x: 0, y: 0, width: 0.7, height: 0.88 },
      side: { role: 'side', x: 0.7, y: 0, width: 0.3, height: 0.88 },
      ticker: { role: 'ticker', x: 0, y: 0.88, width: 1, height: 0.12 },
    },
  },
};

/** Assets for every fixture a test uses, by short id. */
export function assets(media: MediaFixtures): Record<string, Record<string, unknown>> {
  return {
    'clip-a': assetOf(media, 'clip-a.mp4'),
    'clip-b': assetOf(media, 'clip-b.mp4'),
    'clip-c': assetOf(media, 'clip-c.webm'),
    long: assetOf(media, 'long.mp4'),
    'hd-a': assetOf(media, 'hd-a.mp4'),
    'hd-b': assetOf(media, 'hd-b.mp4'),
    dark: assetOf(media, 'dark.mp4'),
    portrait: assetOf(media, 'portrait.mp4'),
    truncated: assetOf(media, 'truncated.mp4'),
    'image-a': assetOf(media, 'image-a.png'),
    'image-tall': assetOf(media, 'image-tall.jpg'),
    'subs-en': assetOf(media, 'subs.en.vtt'),
    'subs-vi': assetOf(media, 'subs.vi.vtt'),
    vod: assetOf(media, 'hls/index.m3u8'),
  };
}

export const slide = (title: string | Record<string, string>, duration = 1, extra: Record<string, unknown> = {}) => ({
  kind: 'slide',
  template: 'headline',
  duration,
  fields: { title },
  transition: { type: 'cut', ms: 0 },
  ...extra,
});

/** One always-on entry playing `main` in the full-screen layout. */
export function always(main: string, extra: Record<string, unknown> = {}) {
  return { entries: [{ id: 'always', layout: 'full', content: { main } }], ...extra };
}

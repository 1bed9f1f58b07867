import type { z } from 'zod';
import type { Item } from './items.ts';
import type { Layout } from './layouts.ts';
import type { LayoutRef, Schedule, ZoneContent } from './schedule.ts';
import type { Kiosk } from './kiosk.ts';

/** The parts of a playlist whose cross-references are checked (drafts and signed playlists alike). */
interface Linked {
  assets: Record<string, { type: string }>;
  layouts: Record<string, Layout>;
  items: Record<string, Item>;
  sequences: Record<string, { items: string[] }>;
  schedule: Schedule;
  kiosk?: Kiosk | undefined;
}

type Path = (string | number)[];

const isVideo = (t: string) => t.startsWith('video/');
const isImage = (t: string) => t.startsWith('image/');
const isVtt = (t: string) => t === 'text/vtt';
const isHls = (t: string) => t === 'application/vnd.apple.mpegurl';

interface Check {
  fail(path: Path, message: string, params: Record<string, unknown>): void;
  asset(id: string, path: Path, accept: (type: string) => boolean, want: string): void;
  subtitles(subs: Record<string, string> | undefined, path: Path): void;
}

/**
 * Every id a playlist mentions must exist and be of the right kind, so that a
 * signed playlist can never name content the screen cannot find or play.
 */
export function checkReferences(p: Linked, ctx: z.RefinementCtx): void {
  // `params.rule` and the ids let a client word the problem in its user's language.
  const fail = (path: Path, message: string, params: Record<string, unknown>) => ctx.addIssue({ code: 'custom', path, message, params });

  const asset = (id: string, path: Path, accept: (type: string) => boolean, want: string) => {
    const a = p.assets[id];
    if (!a) fail(path, `unknown asset ${id}`, { rule: 'unknownAsset', id });
    else if (!accept(a.type)) fail(path, `asset ${id} is ${a.type}, expected ${want}`, { rule: 'assetType', id, type: a.type, expected: want });
  };
  const subtitles = (subs: Record<string, string> | undefined, path: Path) => {
    for (const [lang, id] of Object.entries(subs ?? {})) asset(id, [...path, 'subtitles', lang], isVtt, 'text/vtt');
  };

  for (const [id, item] of Object.entries(p.items)) {
    const at: Path = ['items', id];
    switch (item.kind) {
      case 'video':
        asset(item.asset, [...at, 'asset'], isVideo, 'a video');
        subtitles(item.subtitles, at);
        break;
      case 'hls':
        if (item.mode === 'vod') asset(item.asset, [...at, 'asset'], isHls, 'an HLS stream');
        else if (item.fallback !== undefined) {
          const fb = p.items[item.fallback];
          if (!fb) fail([...at, 'fallback'], `unknown item ${item.fallback}`, { rule: 'unknownItem', id: item.fallback });
          else if (fb.kind === 'hls' && fb.mode === 'live') fail([...at, 'fallback'], 'a fallback must not be another live stream', { rule: 'liveFallback' });
        }
        subtitles(item.subtitles, at);
        break;
      case 'image':
        asset(item.asset, [...at, 'asset'], isImage, 'an image');
        break;
      case 'slide': {
        if (item.background !== undefined) asset(item.background, [...at, 'background'], isImage, 'an image');
        const image = 'image' in item.fields ? item.fields.image : undefined;
        if (image !== undefined) asset(image, [...at, 'fields', 'image'], isImage, 'an image');
        break;
      }
      case 'ticker':
        break;
    }
  }

  for (const [id, seq] of Object.entries(p.sequences)) {
    seq.items.forEach((itemId, i) => {
      if (!p.items[itemId]) fail(['sequences', id, 'items', i], `unknown item ${itemId}`, { rule: 'unknownItem', id: itemId });
    });
  }

  const layoutRef = (ref: LayoutRef, path: Path): Layout[] => {
    const ids = typeof ref === 'string' ? [ref] : [ref.landscape, ref.portrait].filter((x): x is string => x !== undefined);
    const found: Layout[] = [];
    for (const lid of ids) {
      const layout = p.layouts[lid];
      if (!layout) fail(path, `unknown layout ${lid}`, { rule: 'unknownLayout', id: lid });
      else found.push(layout);
    }
    if (typeof ref !== 'string') {
      if (ref.landscape && p.layouts[ref.landscape]?.orientation === 'portrait') fail([...path, 'landscape'], 'names a portrait layout', { rule: 'layoutOrientation', expected: 'landscape' });
      if (ref.portrait && p.layouts[ref.portrait]?.orientation === 'landscape') fail([...path, 'portrait'], 'names a landscape layout', { rule: 'layoutOrientation', expected: 'portrait' });
    }
    return found;
  };
  const content = (c: ZoneContent, layouts: Layout[], path: Path) => {
    for (const role of ['main', 'side', 'ticker'] as const) {
      const seqId = c[role];
      if (seqId === undefined) continue;
      const seq = p.sequences[seqId];
      if (!seq) {
        fail([...path, role], `unknown sequence ${seqId}`, { rule: 'unknownSequence', id: seqId });
        continue;
      }
      if (!layouts.some((l) => Object.values(l.zones).some((z) => z.role === role))) {
        fail([...path, role], `no layout of this entry has a ${role} zone`, { rule: 'noSuchZone', zone: role });
      }
      if (role === 'ticker' && seq.items.some((i) => p.items[i] && p.items[i].kind !== 'ticker')) {
        fail([...path, role], 'a ticker zone plays only ticker items', { rule: 'tickerOnly' });
      }
    }
  };

  p.schedule.entries.forEach((e, i) => content(e.content, layoutRef(e.layout, ['schedule', 'entries', i, 'layout']), ['schedule', 'entries', i, 'content']));
  const fb = p.schedule.fallback;
  if (fb) content(fb.content, layoutRef(fb.layout, ['schedule', 'fallback', 'layout']), ['schedule', 'fallback', 'content']);

  if (p.kiosk) checkKiosk(p.kiosk, { fail, asset, subtitles });
}

function checkKiosk(k: Kiosk, { fail, asset, subtitles }: Check): void {
  const page = (id: string, path: Path) => {
    if (!k.pages[id]) fail(path, `unknown page ${id}`, { rule: 'unknownPage', id });
  };
  if (k.home.background) asset(k.home.background, ['kiosk', 'home', 'background'], isImage, 'an image');
  k.home.sections.forEach((s, i) => {
    page(s.page, ['kiosk', 'home', 'sections', i, 'page']);
    if (s.icon) asset(s.icon, ['kiosk', 'home', 'sections', i, 'icon'], isImage, 'an image');
  });
  for (const [pid, pg] of Object.entries(k.pages)) {
    pg.blocks.forEach((b, i) => {
      const at: Path = ['kiosk', 'pages', pid, 'blocks', i];
      switch (b.kind) {
        case 'image':
          asset(b.asset, [...at, 'asset'], isImage, 'an image');
          break;
        case 'gallery':
          b.images.forEach((img, j) => asset(img.asset, [...at, 'images', j, 'asset'], isImage, 'an image'));
          break;
        case 'video':
          asset(b.asset, [...at, 'asset'], isVideo, 'a video');
          subtitles(b.subtitles, at);
          break;
        case 'map':
          asset(b.asset, [...at, 'asset'], isImage, 'an image');
          b.points.forEach((pt, j) => pt.page !== undefined && page(pt.page, [...at, 'points', j, 'page']));
          break;
        case 'links':
          b.pages.forEach((id, j) => page(id, [...at, 'pages', j]));
          break;
        case 'quiz':
          if (!k.quizzes[b.quiz]) fail([...at, 'quiz'], `unknown quiz ${b.quiz}`, { rule: 'unknownQuiz', id: b.quiz });
          break;
        case 'text':
        case 'qr':
          break;
      }
    });
  }
}

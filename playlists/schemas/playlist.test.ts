import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPanoError } from '../errors.ts';
import { parseJson, parseUnknown } from '../parse.ts';
import { SLIDE_TEMPLATES, SlideItem } from './items.ts';
import { PLAYLIST_FIELDS, Playlist, PlaylistDraft } from './playlist.ts';

const examplesDir = join(import.meta.dirname, '..', 'examples');
const example = (name: string) => JSON.parse(readFileSync(join(examplesDir, name), 'utf8')) as Record<string, unknown>;
const clone = <T>(v: T): T => structuredClone(v);

function badPaths(value: unknown): string[] {
  try {
    parseUnknown(Playlist, value, 'playlist');
  } catch (error) {
    if (isPanoError(error, 'SCHEMA_INVALID')) return error.issues.map((i) => i.path);
    throw error;
  }
  return [];
}

describe('Playlist schema', () => {
  it.each(readdirSync(examplesDir).filter((f) => f.endsWith('.json')))('parses example %s', (file) => {
    const p = parseUnknown(Playlist, example(file), file);
    expect(p.schemaVersion).toBe(1);
  });

  it('covers every item kind and slide template in the examples', () => {
    const items = Object.values(parseUnknown(Playlist, example('ca-mau-airport.json'), 'x').items);
    expect(new Set(items.map((i) => i.kind))).toEqual(new Set(['video', 'hls', 'image', 'slide', 'ticker']));
    const all = [...items, ...Object.values(parseUnknown(Playlist, example('emergency.json'), 'x').items)];
    const templates = all.flatMap((i) => (i.kind === 'slide' ? [i.template] : []));
    expect(new Set(templates)).toEqual(new Set(SLIDE_TEMPLATES));
    expect(new Set(items.flatMap((i) => (i.kind === 'hls' ? [i.mode] : [])))).toEqual(new Set(['live', 'vod']));
  });

  it('an emergency slide has a Vietnamese text, an optional English one and a known icon', () => {
    const slide = (fields: unknown) => SlideItem.safeParse({ kind: 'slide', template: 'emergency', duration: 30, fields });
    expect(slide({ vi: { title: 'Bão số 9' } }).data?.fields).toEqual({ icon: 'warning', vi: { title: 'Bão số 9' } });
    expect(slide({ vi: { title: 'Bão' }, en: { title: 'Typhoon', message: 'Stay inside.' }, icon: 'storm' }).success).toBe(true);
    expect(slide({ en: { title: 'Typhoon' } }).success).toBe(false);
    expect(slide({ vi: { title: ' ' } }).success).toBe(false);
    expect(slide({ vi: { title: 'Bão' }, icon: 'skull' }).success).toBe(false);
  });

  it('fills defaults a renderer relies on', () => {
    const p = parseUnknown(Playlist, example('minimal.json'), 'x');
    expect(p.defaults.language).toBe('vi');
    expect(p.defaults.transition).toEqual({ type: 'fade', ms: 500 });
    expect(p.schedule.entries[0]?.priority).toBe(0);
    expect(p.schedule.entries[0]?.interrupt).toBe(false);
  });

  it('lists every bad path, not just the first', () => {
    const p = clone(example('ca-mau-airport.json')) as any;
    p.assets['mangrove-photo'].sha256 = 'XYZ';
    p.items['promo-crab'].volume = 2;
    p.schedule.entries[2].windows[0].start = '25:00';
    expect(badPaths(p)).toEqual(
      expect.arrayContaining(['assets.mangrove-photo.sha256', 'items.promo-crab.volume', 'schedule.entries.2.windows.0.start']),
    );
  });

  it.each([
    ['unknown asset in an item', (p: any) => (p.items['mangrove'].asset = 'nope'), 'items.mangrove.asset'],
    ['video item pointing at an image', (p: any) => (p.items['promo-crab'].asset = 'honey-photo'), 'items.promo-crab.asset'],
    ['subtitle that is not text/vtt', (p: any) => (p.items['documentary'].subtitles.en = 'honey-photo'), 'items.documentary.subtitles.en'],
    ['unknown item in a sequence', (p: any) => p.sequences['loop-tourism'].items.push('ghost'), 'sequences.loop-tourism.items.5'],
    ['unknown layout', (p: any) => (p.schedule.entries[3].layout = 'ghost'), 'schedule.entries.3.layout'],
    ['side content without a side zone', (p: any) => (p.schedule.entries[0].content.side = 'side-facts'), 'schedule.entries.0.content.side'],
    ['non-ticker item in a ticker zone', (p: any) => (p.schedule.entries[0].content.ticker = 'loop-cuisine'), 'schedule.entries.0.content.ticker'],
    ['live fallback that is live', (p: any) => (p.items['live-festival'].fallback = 'live-festival'), 'items.live-festival.fallback'],
    ['theme not in rotation', (p: any) => (p.schedule.entries[0].theme = 'sports'), 'schedule.entries.0.theme'],
    ['kiosk section to a missing page', (p: any) => (p.kiosk.home.sections[0].page = 'ghost'), 'kiosk.home.sections.0.page'],
    ['quiz answer out of range', (p: any) => (p.kiosk.quizzes['asean-basics'].questions[0].answer = 7), 'kiosk.quizzes.asean-basics.questions.0.answer'],
    ['javascript: URL', (p: any) => (p.assets['mangrove-photo'].urls = ['javascript:alert(1)']), 'assets.mangrove-photo.urls.0'],
    ['HLS path escaping its folder', (p: any) => (p.assets['documentary-ep1'].files[0].path = '../secret'), 'assets.documentary-ep1.files.0.path'],
    ['HLS asset without files', (p: any) => delete p.assets['documentary-ep1'].files, 'assets.documentary-ep1.files'],
    ['zone past the screen edge', (p: any) => (p.layouts['fullscreen'].zones.main.width = 1.5), 'layouts.fullscreen.zones.main.width'],
    ['two main zones', (p: any) => (p.layouts['fullscreen'].zones.other = { role: 'main', x: 0, y: 0, width: 1, height: 1 }), 'layouts.fullscreen.zones'],
    ['unknown time zone', (p: any) => (p.schedule.timeZone = 'Mars/Olympus'), 'schedule.timeZone'],
    ['expiry before issue', (p: any) => (p.expiresAt = '2020-01-01T00:00:00Z'), 'expiresAt'],
    ['empty audience', (p: any) => (p.audience = {}), 'audience'],
    ['unknown field (typo)', (p: any) => (p.schedule.entries[0].weekday = [1]), 'schedule.entries.0'],
  ])('rejects %s at its path', (_name, mutate, path) => {
    const p = clone(example('ca-mau-airport.json'));
    mutate(p);
    expect(badPaths(p)).toContain(path);
  });

  it('a draft may omit hashes; the signed form may not', () => {
    const p = clone(example('ca-mau-airport.json')) as any;
    delete p.assets['mangrove-photo'].sha256;
    delete p.assets['mangrove-photo'].size;
    expect(PlaylistDraft.safeParse(p).success).toBe(true);
    expect(badPaths(p)).toEqual(expect.arrayContaining(['assets.mangrove-photo.sha256', 'assets.mangrove-photo.size']));
  });

  it('bad JSON is MALFORMED, not a crash', () => {
    expect(() => parseJson(Playlist, '{"schemaVersion": 1,', 'playlist')).toThrow(expect.objectContaining({ code: 'MALFORMED' }));
  });
});

describe('docs/playlist-format.md', () => {
  it('shows the full example exactly as playlists/examples/ca-mau-airport.json', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'playlist-format.md'), 'utf8');
    const block = /## Full example[\s\S]*?```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    expect(JSON.parse(block!)).toEqual(example('ca-mau-airport.json'));
  });

  it('documents every top-level field of the schema', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'playlist-format.md'), 'utf8');
    expect(PLAYLIST_FIELDS.length).toBeGreaterThan(10);
    for (const key of PLAYLIST_FIELDS) expect(doc).toContain(`| \`${key}\``);
  });
});

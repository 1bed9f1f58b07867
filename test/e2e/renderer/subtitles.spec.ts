import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureMediaFixtures, type MediaFixtures } from '../../fixtures/make-media.ts';
import { startPlayer, type Player } from './player.ts';
import { always, assets } from './playlists.ts';

let player: Player;
test.afterEach(async () => player?.stop());

/** The video on screen: each text track's language, mode, active cue count and cue line. */
const tracksOnScreen = (page: Page) =>
  page.locator('[data-state="current"] video').evaluate((v: HTMLVideoElement) =>
    Array.from(v.textTracks).map((t) => ({
      lang: t.language,
      mode: t.mode,
      active: t.activeCues?.length ?? 0,
      line: (t.cues?.[0] as VTTCue | undefined)?.line,
    })),
  );

/** Languages with a visible cue right now. */
const showing = async (page: Page) =>
  (await tracksOnScreen(page))
    .filter((t) => t.mode === 'showing' && t.active > 0)
    .map((t) => t.lang)
    .sort();

/**
 * Rows of a screenshot of the dark clip that hold bright (cue text) pixels,
 * grouped into bands of text lines separated by dark rows.
 */
function textBands(shot: Buffer): { bands: number; top: number; bottom: number; height: number } {
  const png = PNG.sync.read(shot);
  const rows: number[] = [];
  for (let y = 0; y < png.height; y++) {
    let n = 0;
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (png.data[i]! > 220 && png.data[i + 1]! > 220 && png.data[i + 2]! > 220) n++;
    }
    if (n > 3) rows.push(y);
  }
  return { bands: rows.filter((y, i) => i === 0 || y - rows[i - 1]! > 3).length, top: rows[0] ?? -1, bottom: rows.at(-1) ?? -1, height: png.height };
}

/**
 * Long subtitles (two lines each at 960×540) as extra files beside the fixtures, dot-named
 * so fixture listings skip them; the test hub serves them like any fixture.
 */
async function longSubtitles(media: MediaFixtures): Promise<Record<string, Record<string, unknown>>> {
  const texts = {
    vi: 'Chào mừng quý khách đến với Cà Mau, vùng đất cuối cùng của Tổ quốc Việt Nam',
    en: 'Welcome to Cà Mau, the southernmost land of Vietnam, where the forest meets the sea',
  };
  const out: Record<string, Record<string, unknown>> = {};
  for (const [lang, text] of Object.entries(texts)) {
    const name = `.e2e-long.${lang}.vtt`;
    const body = Buffer.from(`WEBVTT\n\n00:00:00.000 --> 00:00:30.000\n${text}\n`);
    await writeFile(join(media.dir, name), body);
    out[`long-${lang}`] = { type: 'text/vtt', sha256: createHash('sha256').update(body).digest('hex'), size: body.length, urls: [`media/${name}`] };
  }
  return out;
}

const playlistWith = async (languages: Record<string, unknown>) => {
  return {
    // defaults.subtitles names only English: an item's language mode overrides it.
    defaults: { language: 'vi', transition: { type: 'cut', ms: 0 }, subtitles: ['en'] },
    items: { film: { kind: 'video', asset: 'dark', duration: 2, languages, subtitles: { en: 'subs-en', vi: 'subs-vi' } } },
    sequences: { loop: { items: ['film'] } },
    schedule: always('loop'),
  };
};

test('rotate: the main player shows one subtitle language per pass, changing every loop', async ({ page }) => {
  player = await startPlayer({ playlist: await playlistWith({ show: 'rotate', languages: ['vi', 'en'] }) });
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto(player.url());
  // Pass 0: Vietnamese (not defaults.subtitles' English), and only it.
  await expect.poll(() => showing(page)).toEqual(['vi']);
  // The clip loops every 2 s: pass 1 is English, pass 2 Vietnamese again.
  await expect.poll(() => showing(page), { timeout: 6_000 }).toEqual(['en']);
  await expect.poll(() => showing(page), { timeout: 6_000 }).toEqual(['vi']);
  // Pass 1's end event is posted as pass 2 starts: its record lands a moment later.
  const passes = () => player.records.filter((r) => r.itemId === 'film');
  await expect.poll(() => passes().length).toBeGreaterThanOrEqual(2);
  expect(passes().every((r) => r.outcome === 'completed')).toBe(true);
});

test('both: two subtitle tracks show at once, stacked, the first language on top', async ({ page }, info) => {
  player = await startPlayer({ playlist: await playlistWith({ show: 'both', languages: ['vi', 'en'] }) });
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto(player.url());
  await expect.poll(() => showing(page)).toEqual(['en', 'vi']);
  const tracks = await tracksOnScreen(page);
  const line = (lang: string) => tracks.find((t) => t.lang === lang)!.line as number;
  expect(line('vi')).toBeLessThan(line('en')); // vi above en

  // The picture is one dark colour: rows with bright pixels are cue text. Two
  // languages stacked make two bands of text with dark rows between them;
  // overlapping cues would make one band.
  const shot = await page.screenshot({ path: info.outputPath('subtitles-both.png') });
  await info.attach('subtitles-both', { path: info.outputPath('subtitles-both.png'), contentType: 'image/png' });
  const { bands, top, bottom, height } = textBands(shot);
  expect(bands).toBe(2);
  expect(top).toBeGreaterThan(height / 2); // both in the lower half
  expect(bottom).toBeLessThan(height * 0.92); // inside the safe area
});

test('both with long subtitles: each wraps inside the picture, and the two never overlap', async ({ page }) => {
  const base = await playlistWith({ show: 'both', languages: ['vi', 'en'] });
  const media = await ensureMediaFixtures();
  player = await startPlayer({
    playlist: {
      ...base,
      assets: { ...assets(media), ...(await longSubtitles(media)) },
      items: { film: { ...base.items.film, subtitles: { en: 'long-en', vi: 'long-vi' } } },
    },
  });
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto(player.url());
  await expect.poll(() => showing(page)).toEqual(['en', 'vi']);
  // Placement runs once both tracks are loaded: wait until the upper row has moved above the lower one.
  await expect.poll(async () => {
    const tracks = await tracksOnScreen(page);
    const line = (lang: string) => tracks.find((t) => t.lang === lang)?.line;
    return typeof line('vi') === 'number' && typeof line('en') === 'number' && (line('vi') as number) < (line('en') as number);
  }).toBe(true);
  const { bands, top, bottom, height } = textBands(await page.screenshot());
  // Two cues of two lines each: four lines of text with dark rows between them (wrapped, not cut off at one line; not on top of each other).
  expect(bands).toBe(4);
  expect(top).toBeGreaterThan(height * 0.4);
  expect(bottom).toBeLessThan(height * 0.92);
});

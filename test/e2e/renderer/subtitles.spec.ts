import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { ensureMediaFixtures } from '../../fixtures/make-media.ts';
import { startPlayer, type Player } from './player.ts';
import { assets, always, LAYOUTS } from './playlists.ts';

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

const playlistWith = async (languages: Record<string, unknown>) => {
  const media = await ensureMediaFixtures();
  return {
    // defaults.subtitles names only English: an item's language mode overrides it.
    defaults: { language: 'vi', transition: { type: 'cut', ms: 0 }, subtitles: ['en'] },
    assets: assets(media),
    layouts: LAYOUTS,
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
  const passes = player.records.filter((r) => r.itemId === 'film');
  expect(passes.length).toBeGreaterThanOrEqual(2);
  expect(passes.every((r) => r.outcome === 'completed')).toBe(true);
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
  const png = PNG.sync.read(shot);
  const brightRows: number[] = [];
  for (let y = 0; y < png.height; y++) {
    let n = 0;
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (png.data[i]! > 220 && png.data[i + 1]! > 220 && png.data[i + 2]! > 220) n++;
    }
    if (n > 3) brightRows.push(y);
  }
  const bands = brightRows.filter((y, i) => i === 0 || y - brightRows[i - 1]! > 3).length;
  expect(bands).toBe(2);
  expect(brightRows[0]!).toBeGreaterThan(png.height / 2); // both in the lower half
  expect(brightRows.at(-1)!).toBeLessThan(png.height * 0.92); // inside the safe area
});

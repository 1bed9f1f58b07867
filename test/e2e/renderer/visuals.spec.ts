import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { startPlayer, type Player } from './player.ts';
import { always } from './playlists.ts';
import { decodeQr } from './qr.ts';

let player: Player;
test.afterEach(async () => player?.stop());

test('subtitles appear, large and readable over the video', async ({ page }, info) => {
  player = await startPlayer({
    playlist: {
      defaults: { language: 'vi', transition: { type: 'cut', ms: 0 }, subtitles: ['en'] },
      items: { film: { kind: 'video', asset: 'dark', subtitles: { en: 'subs-en', vi: 'subs-vi' } } },
      sequences: { loop: { items: ['film'] } },
      schedule: always('loop'),
    },
  });
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto(player.url());
  const video = page.locator('[data-state="current"] video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.textTracks[0]?.activeCues?.length ?? 0)).toBeGreaterThan(0);
  expect(await video.evaluate((v: HTMLVideoElement) => [v.textTracks[0]!.language, v.textTracks[0]!.mode])).toEqual(['en', 'showing']);
  const shot = await page.screenshot({ path: info.outputPath('subtitles.png') });
  await info.attach('subtitles', { path: info.outputPath('subtitles.png'), contentType: 'image/png' });
  // The video is one dark colour: bright pixels in the lower part can only be the cue.
  const png = PNG.sync.read(shot);
  let bright = 0;
  let top = png.height;
  let bottom = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (png.data[i]! > 220 && png.data[i + 1]! > 220 && png.data[i + 2]! > 220) {
        bright++;
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
      }
    }
  }
  expect(bright).toBeGreaterThan(1_500); // large text, not a caption in 12 px
  expect(top).toBeGreaterThan(png.height / 2); // in the lower half
  expect(bottom).toBeLessThan(png.height * 0.92); // inside the safe area, clear of the bezel
});

test('the QR code on a slide decodes to its URL', async ({ page }) => {
  const url = 'https://camau.gov.vn/du-lich?utm=pano';
  player = await startPlayer({
    playlist: {
      items: { qr: { kind: 'slide', template: 'qr-cta', duration: 30, fields: { title: { vi: 'Khám phá Cà Mau', en: 'Discover Cà Mau' }, url, text: 'Quét mã' } } },
      sequences: { loop: { items: ['qr'] } },
      schedule: always('loop'),
    },
  });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(player.url());
  const code = page.locator('[data-state="current"] .qr-code');
  await expect(code).toBeVisible();
  expect(decodeQr(await page.screenshot())).toBe(url);
});

test('portrait: the portrait layout, a stacked slide and a moving ticker', async ({ page }) => {
  player = await startPlayer({
    displays: [{ id: 'gate', orientation: 'portrait' }],
    playlist: {
      items: {
        honey: { kind: 'slide', template: 'product-card', duration: 60, fields: { name: 'Mật ong U Minh Hạ', image: 'image-tall', badge: 'OCOP ★★★★' } },
        news: { kind: 'ticker', messages: [{ vi: 'Chào mừng quý khách đến với Cà Mau', en: 'Welcome to Cà Mau' }], speed: 200 },
      },
      sequences: { loop: { items: ['honey'] }, ticker: { items: ['news'] } },
      schedule: { entries: [{ id: 'gate', layout: { landscape: 'full', portrait: 'tall' }, content: { main: 'loop', ticker: 'ticker' } }] },
    },
  });
  await page.setViewportSize({ width: 540, height: 960 });
  await page.goto(player.url('gate'));
  await expect(page.locator('[data-layout="tall"]')).toBeVisible();
  const main = (await page.locator('.zone-main').boundingBox())!;
  expect(main.height).toBeCloseTo(960 * 0.9, 0);
  const image = (await page.locator('[data-state="current"] .slide-image').boundingBox())!;
  const text = (await page.locator('[data-state="current"] .slide-text').boundingBox())!;
  expect(image.y + image.height).toBeLessThanOrEqual(text.y + 1); // stacked, not side by side
  expect(image.width).toBeGreaterThan(540 * 0.7);
  const strip = page.locator('.ticker-strip');
  await expect(strip).toContainText('Chào mừng');
  const x = () => strip.evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).m41);
  const x0 = await x();
  await expect.poll(x).toBeLessThan(x0 - 20);
  await expect.poll(() => player.records.length).toBe(0); // nothing has ended yet: no record invented
});

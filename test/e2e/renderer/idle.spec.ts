import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { ensureMediaFixtures } from '../../fixtures/make-media.ts';
import { startPlayer, type Player } from './player.ts';
import { assets, LAYOUTS } from './playlists.ts';

let player: Player;
test.afterEach(async () => player?.stop());

test('an empty schedule shows the calm branded idle view, not an error page', async ({ page }) => {
  const media = await ensureMediaFixtures();
  player = await startPlayer({
    playlist: { assets: assets(media), layouts: LAYOUTS, items: {}, sequences: {}, schedule: { entries: [] } },
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Chromium asks for /favicon.ico on its own; the core has none (404), which is not the player failing.
  page.on('response', (r) => r.status() >= 400 && !r.url().endsWith('/favicon.ico') && errors.push(`${r.status()} ${r.url()}`));
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto(player.url());

  const idle = page.locator('[data-view="idle"]');
  await expect(idle).toBeVisible();
  // In the screen's language (Vietnamese by default), with the brand mark.
  await expect(idle.locator('.brand-title')).toHaveText('Hiện chưa có nội dung theo lịch');
  await expect(idle.locator('.brand-line')).toHaveText('Nội dung sẽ phát vào khung giờ kế tiếp.');
  await expect(idle.locator('.brand-mark')).toHaveText('Pano');
  // Branded: the green background fills the screen (a blank or error page would be white or black).
  const png = PNG.sync.read(await page.screenshot());
  const at = (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
  for (const [x, y] of [[5, 5], [png.width - 5, png.height - 5], [png.width / 2, 5]] as const) {
    const [r, g, b] = at(Math.round(x), Math.round(y));
    expect(g!, `pixel ${x},${y}`).toBeGreaterThan(r! + 10);
    expect(g!).toBeGreaterThan(b!);
  }
  await expect(page.locator('.slot, video')).toHaveCount(0);
  expect(player.records).toEqual([]);
  expect(errors).toEqual([]);
});

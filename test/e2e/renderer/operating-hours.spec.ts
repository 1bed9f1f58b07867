import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { ensureMediaFixtures, type MediaFixtures } from '../../fixtures/make-media.ts';
import { systemClock } from '../../../core/util/clock.ts';
import { startPlayer, type Player } from './player.ts';

let player: Player;
test.afterEach(async () => player?.stop());

/** One video in a loop, on screen 06:00–22:00 only. */
const openDaytime = (media: MediaFixtures, asset: string) => ({
  items: { film: { kind: 'video', asset, transition: { type: 'cut', ms: 0 } } },
  sequences: { loop: { items: ['film'] } },
  schedule: { operatingHours: [{ start: '06:00', end: '22:00' }], entries: [{ id: 'always', layout: 'full', content: { main: 'loop' } }] },
});

/** The brightest channel value of a screenshot: 0 on a black screen. */
async function brightest(page: Page): Promise<number> {
  const png = PNG.sync.read(await page.screenshot());
  let max = 0;
  for (let i = 0; i < png.data.length; i += 4) max = Math.max(max, png.data[i]!, png.data[i + 1]!, png.data[i + 2]!);
  return max;
}

test('outside operating hours the screen is black and nothing is recorded as played', async ({ page }) => {
  const media = await ensureMediaFixtures();
  player = await startPlayer({ playlist: openDaytime(media, 'long') });
  await page.setViewportSize({ width: 640, height: 360 });
  // 21:59:40 in Asia/Ho_Chi_Minh: the 8 s film loops, and closing time comes 20 s later by itself
  // (21:59:57 failed on a loaded machine: the page took over 3 s to show the film; moving the
  // page's clock on instead makes the film look stalled).
  await page.clock.install({ time: new Date('2026-11-20T14:59:40Z') });
  await page.goto(player.url());
  await expect(page.locator('[data-state="current"][data-item="film"]')).toBeVisible({ timeout: 18_000 });

  await expect(page.locator('[data-plan="black"]')).toBeVisible({ timeout: 30_000 });
  // The film playing at closing time is cut short; the passes before it completed.
  await expect.poll(() => player.records.at(-1)?.outcome).toBe('interrupted');
  const closing = player.records.length;
  expect(player.records.map((r) => `${r.itemId} ${r.outcome} ${r.reason ?? ''}`.trim())).toEqual([...Array<string>(closing - 1).fill('film completed'), 'film interrupted outside operating hours']);
  // Nothing is left to play: no slot, no media element, and every pixel black.
  await expect(page.locator('.slot, video, img')).toHaveCount(0);
  expect(await brightest(page)).toBeLessThan(8);

  // Through the night (22:00 → 05:59:30): still black, and not one more record.
  await page.clock.fastForward('07:59:30');
  await expect(page.locator('[data-plan="black"]')).toBeVisible();
  await expect(page.locator('.slot')).toHaveCount(0);
  expect(player.records).toHaveLength(closing);

  // 06:00: open again, the loop plays (so black was the hours, not a broken player).
  await page.clock.fastForward(31_000);
  await expect(page.locator('[data-state="current"][data-item="film"]')).toBeVisible({ timeout: 5_000 });
});

test('a player started at night stays black and records nothing', async ({ page }) => {
  const media = await ensureMediaFixtures();
  player = await startPlayer({ playlist: openDaytime(media, 'clip-a') });
  await page.setViewportSize({ width: 640, height: 360 });
  await page.clock.install({ time: new Date('2026-11-20T16:30:00Z') }); // 23:30
  await page.goto(player.url());
  await expect(page.locator('[data-plan="black"]')).toBeVisible();
  // An hour later (the clip would have looped ~1,800 times): nothing was ever made to play.
  await page.clock.fastForward('01:00:00');
  await expect(page.locator('[data-plan="black"]')).toBeVisible();
  await expect(page.locator('.slot, video')).toHaveCount(0);
  expect(await brightest(page)).toBeLessThan(8);
  expect(player.records).toEqual([]);
});

test('when the clock jumps past closing time the screen goes black at once, not when the old timer fires', async ({ page }) => {
  const media = await ensureMediaFixtures();
  // The core's clock says 12:00 in Hồ Chí Minh City; the renderer follows the core's time. (The test hub's
  // Date header tells the real time: the core must not correct its clock by it here.)
  let offset = Date.parse('2026-11-20T05:00:00Z') - Date.now();
  player = await startPlayer({ playlist: openDaytime(media, 'long'), clock: { ...systemClock, now: () => Date.now() + offset }, config: { clockSkewThresholdMs: 1_000 * 86_400_000 } });
  await page.goto(player.url());
  await expect(page.locator('[data-state="current"][data-item="film"]')).toBeVisible();
  // The clock is corrected to 23:00 (an RTC reset, an NTP step): the plan's timer for 22:00 is ten hours off now.
  offset += 11 * 3_600_000;
  await expect(page.locator('[data-plan="black"]')).toBeVisible({ timeout: 5_000 });
  await expect.poll(() => player.records.find((r) => r.itemId === 'film')?.reason).toBe('outside operating hours');
});

import { expect, test } from '@playwright/test';
import { ensureMediaFixtures } from '../../fixtures/make-media.ts';
import { startPlayer, type Player } from './player.ts';
import { always, slide } from './playlists.ts';

let player: Player;
test.afterEach(async () => player?.stop());

test('a mixed playlist plays in order, and every play reaches the core as completed', async ({ page }) => {
  const media = await ensureMediaFixtures();
  const order = ['video-mp4', 'photo', 'headline', 'video-webm', 'hls-vod'];
  player = await startPlayer({
    playlist: {
      items: {
        'video-mp4': { kind: 'video', asset: 'clip-a' },
        photo: { kind: 'image', asset: 'image-a', duration: 1 },
        headline: slide('Xin chào Cà Mau', 1),
        'video-webm': { kind: 'video', asset: 'clip-c', transition: { type: 'cut', ms: 0 } },
        'hls-vod': { kind: 'hls', mode: 'vod', asset: 'vod' },
      },
      sequences: { loop: { items: order } },
      schedule: always('loop'),
    },
  });
  await page.goto(player.url());
  await expect(page.locator('[data-plan="always"]')).toBeVisible();
  await expect.poll(() => player.records.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(order.length);
  const first = player.records.slice(0, order.length);
  expect(first.map((r) => r.itemId)).toEqual(order);
  expect(first.map((r) => r.outcome)).toEqual(order.map(() => 'completed'));
  expect(first.map((r) => r.kind)).toEqual(['video', 'image', 'slide', 'video', 'hls']);
  // The exact files played are in the proof of play.
  expect(first[0]!.assetSha256).toBe(media.files['clip-a.mp4']!.sha256);
  expect(first[0]!.durationMs).toBeGreaterThan(1_500);
});

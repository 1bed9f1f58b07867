import { expect, test, type Page } from '@playwright/test';
import { startPlayer, type Player } from './player.ts';
import { always } from './playlists.ts';

let player: Player;
test.afterEach(async () => player?.stop());

/** What the video on screen is set to while it plays. */
const sound = (page: Page, item: string) =>
  page
    .locator(`[data-state="current"][data-item="${item}"] video`)
    .evaluate((v: HTMLVideoElement) => ({ muted: v.muted, volume: Math.round(v.volume * 100) / 100, playing: !v.paused && v.currentTime > 0 }));

test('an item with a volume plays unmuted at that volume; the others are muted', async ({ page }) => {
  player = await startPlayer({
    playlist: {
      items: {
        loud: { kind: 'video', asset: 'clip-a', volume: 0.4, transition: { type: 'cut', ms: 0 } },
        quiet: { kind: 'video', asset: 'clip-b', transition: { type: 'cut', ms: 0 } },
      },
      sequences: { loop: { items: ['loud', 'quiet'] } },
      schedule: always('loop'),
    },
  });
  await page.goto(player.url());
  await expect.poll(() => sound(page, 'loud').catch(() => null)).toEqual({ muted: false, volume: 0.4, playing: true });
  await expect.poll(() => sound(page, 'quiet').catch(() => null), { timeout: 6_000 }).toEqual({ muted: true, volume: 0, playing: true });
  // The unmuted clip was not refused by the autoplay policy: it played to its end.
  await expect.poll(() => player.records.find((r) => r.itemId === 'loud')?.outcome).toBe('completed');
});

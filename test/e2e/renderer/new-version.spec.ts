import { expect, test } from '@playwright/test';
import { startPlayer, type Player } from './player.ts';
import { slide } from './playlists.ts';

let player: Player;
test.afterEach(async () => player?.stop());

const onScreen = (item: string) => `[data-state="current"][data-item="${item}"]`;

test('an item the new version still plays is never cut: it completes, then the new loop goes on', async ({ page }) => {
  const version = (sequence: string[]) => ({
    items: { film: { kind: 'video', asset: 'long', transition: { type: 'cut', ms: 0 } }, after: slide('Phiên bản hai', 600) },
    sequences: { loop: { items: sequence } },
    schedule: { entries: [{ id: 'always', layout: 'full', content: { main: 'loop' } }] },
  });
  player = await startPlayer({ playlist: version(['film']) });
  await page.goto(player.url());
  const film = page.locator(`${onScreen('film')} video`);
  await expect.poll(() => film.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0.2);
  // Keep the element itself: if the film were cut and started again, this one would be released.
  await film.evaluate((v: HTMLVideoElement) => ((window as unknown as { playing: HTMLVideoElement }).playing = v));

  // v2 plays the same item, then a slide. The 8 s film is far from its end when v2 is adopted.
  await player.publish(version(['film', 'after']));
  // The renderer took v2 while the film plays: the element prepared underneath is v2's next item.
  await expect(page.locator('[data-state="prepared"][data-item="after"]')).toBeAttached();
  const same = () => page.evaluate(() => {
    const v = (window as unknown as { playing: HTMLVideoElement }).playing;
    return v.isConnected && v.closest<HTMLElement>('.slot')?.dataset.state === 'current' && !v.paused;
  });
  expect(await same()).toBe(true);

  await expect(page.locator(onScreen('after'))).toBeVisible({ timeout: 12_000 });
  // The film's end event is posted as the slide goes up: its record lands a moment later.
  const filmRecords = () => player.records.filter((r) => r.itemId === 'film');
  await expect.poll(() => filmRecords().map((r) => [r.outcome, r.playlistVersion])).toEqual([['completed', 1]]);
  expect(filmRecords()[0]!.durationMs).toBeGreaterThan(7_000); // the whole 8 s clip
  expect(player.records.filter((r) => r.outcome === 'interrupted')).toEqual([]);
});

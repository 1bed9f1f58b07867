import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureMediaFixtures } from '../../fixtures/make-media.ts';
import { startLiveServer, type LiveServer } from './live-server.ts';
import { startPlayer, type Player } from './player.ts';
import { always, slide } from './playlists.ts';

let player: Player;
let live: LiveServer;
test.afterEach(async () => {
  await player?.stop();
  await live?.stop();
});

const onScreen = (item: string) => `[data-state="current"][data-item="${item}"]`;

test('a live stream that is down plays its fallback, and comes back when the stream does', async ({ page }) => {
  const media = await ensureMediaFixtures();
  live = await startLiveServer(join(media.dir, 'hls'), true);
  player = await startPlayer({
    playlist: {
      items: {
        festival: { kind: 'hls', mode: 'live', url: live.url, duration: 60, fallback: 'standby' },
        standby: slide('Trực tiếp sẽ trở lại', 3),
      },
      sequences: { loop: { items: ['festival'] } },
      schedule: always('loop'),
    },
  });
  await page.goto(player.url());
  await expect(page.locator(onScreen('standby'))).toBeVisible({ timeout: 8_000 });
  await expect.poll(() => player.records.find((r) => r.itemId === 'festival')?.outcome).toBe('error');

  live.up();
  await expect(page.locator(onScreen('festival'))).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => page.locator(`${onScreen('festival')} video`).evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0.5);
  await expect.poll(() => player.records.findLast((r) => r.itemId === 'standby')?.reason).toBe('live stream recovered');
});

test('until the first playlist is ready: the branded preparing view with real progress, then playback', async ({ page }) => {
  player = await startPlayer({
    hold: ['long.mp4'],
    playlist: {
      items: { film: { kind: 'video', asset: 'long' } },
      sequences: { loop: { items: ['film'] } },
      schedule: always('loop'),
    },
  });
  await page.goto(player.url());
  const view = page.locator('[data-view="preparing"]');
  await expect(view).toBeVisible();
  await expect(view.locator('.brand-title')).not.toBeEmpty();
  await expect.poll(async () => Number(await view.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  player.release();
  await expect(page.locator(onScreen('film'))).toBeVisible({ timeout: 15_000 });
});

test('a live stream that stalls (no frame for 5 s) is skipped as STALLED and its fallback plays', async ({ page }) => {
  const media = await ensureMediaFixtures();
  live = await startLiveServer(join(media.dir, 'hls'));
  player = await startPlayer({
    playlist: {
      items: {
        festival: { kind: 'hls', mode: 'live', url: live.url, duration: 120, fallback: 'standby' },
        standby: slide('Trực tiếp sẽ trở lại', 30),
      },
      sequences: { loop: { items: ['festival'] } },
      schedule: always('loop'),
    },
  });
  await page.goto(player.url());
  await expect(page.locator(onScreen('festival'))).toBeVisible({ timeout: 10_000 });
  live.freeze();
  const frozenAt = Date.now();
  await expect(page.locator(onScreen('standby'))).toBeVisible({ timeout: 20_000 });
  // Buffered seconds play out first; then 5 s without a frame.
  expect(Date.now() - frozenAt).toBeGreaterThan(5_000);
  await expect.poll(() => player.records.find((r) => r.itemId === 'festival')).toMatchObject({ outcome: 'skipped', reason: expect.stringMatching(/^STALLED/) });
});

test('a new version that lands while the engine holds after a loop of broken items is played, and its loop goes on', async ({ page }) => {
  live = await startLiveServer(join((await ensureMediaFixtures()).dir, 'hls'), true);
  const stream = (duration: number) => ({ kind: 'hls', mode: 'live', url: live.url, duration });
  // v1: its only item fails at once (the stream answers 503), so the engine holds 2 s after every attempt.
  player = await startPlayer({ playlist: { items: { broken: stream(30) }, sequences: { loop: { items: ['broken'] } }, schedule: always('loop') } });
  await page.goto(player.url());
  // The skip is reported just before the hold starts: v2 lands inside it.
  await expect.poll(() => player.records.filter((r) => r.itemId === 'broken').length).toBeGreaterThan(0);
  // v2's first item takes longer to be ready than the hold has left (a slow origin).
  live.up();
  live.delayNextManifest(3_000);
  await player.publish({ items: { stream: stream(3), after: slide('Phiên bản hai', 1) }, sequences: { loop: { items: ['stream', 'after'] } }, schedule: always('loop') });
  await expect(page.locator(onScreen('stream'))).toBeVisible({ timeout: 12_000 });
  // Not a single reveal: the loop keeps advancing.
  await expect.poll(() => player.records.filter((r) => r.itemId === 'after' && r.outcome === 'completed').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
});

test('a live stream added by a new version plays without a restart (its origin was unknown when the page loaded)', async ({ page }) => {
  live = await startLiveServer(join((await ensureMediaFixtures()).dir, 'hls'));
  player = await startPlayer({ playlist: { items: { before: slide('Trước', 1) }, sequences: { loop: { items: ['before'] } }, schedule: always('loop') } });
  const violations: string[] = [];
  page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  await page.goto(player.url());
  await expect(page.locator(onScreen('before'))).toBeVisible();
  await player.publish({
    items: { festival: { kind: 'hls', mode: 'live', url: live.url, duration: 4 }, before: slide('Trước', 1) },
    sequences: { loop: { items: ['festival', 'before'] } },
    schedule: always('loop'),
  });
  await expect(page.locator(onScreen('festival'))).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => player.records.find((r) => r.itemId === 'festival')?.outcome, { timeout: 15_000 }).toBe('completed');
  expect(violations).toEqual([]);
});

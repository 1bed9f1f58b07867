import { expect, test } from '@playwright/test';
import { startPlayer, type Player } from './player.ts';
import { slide } from './playlists.ts';

let player: Player;
test.afterEach(async () => player?.stop());

const onScreen = (item: string) => `[data-state="current"][data-item="${item}"]`;

test('the schedule changes at the right moment (Playwright clock, Ho Chi Minh City time)', async ({ page }) => {
  player = await startPlayer({
    playlist: {
      items: { morning: slide('Chào buổi sáng', 600), day: slide('Chào ngày mới', 600) },
      sequences: { morning: { items: ['morning'] }, day: { items: ['day'] } },
      schedule: {
        entries: [
          { id: 'morning', layout: 'full', content: { main: 'morning' }, windows: [{ start: '06:00', end: '10:00' }] },
          { id: 'day', layout: 'full', content: { main: 'day' }, windows: [{ start: '10:00', end: '18:00' }] },
        ],
      },
    },
  });
  // 09:59:00 in Asia/Ho_Chi_Minh (UTC+7).
  await page.clock.install({ time: new Date('2026-11-20T02:59:00Z') });
  await page.goto(player.url());
  await expect(page.locator(onScreen('morning'))).toBeVisible();

  // Stop the page's clock at 09:59:50 whatever the page load cost in real time (on a
  // loaded machine it took seconds), so the jump below lands at a known instant.
  await page.clock.pauseAt(new Date('2026-11-20T02:59:50Z'));
  await expect(page.locator('[data-plan="morning"]')).toBeVisible();
  await expect(page.locator(onScreen('morning'))).toBeVisible();

  await page.clock.fastForward(10_500); // 10:00:00.5: the one schedule timer is due
  await expect(page.locator(onScreen('day'))).toBeVisible({ timeout: 3_000 });
  await expect(page.locator('[data-plan="day"]')).toBeVisible();
  await page.clock.resume();

  await expect.poll(() => player.records.find((r) => r.itemId === 'morning')?.outcome).toBe('interrupted');
  const cut = player.records.find((r) => r.itemId === 'morning')!;
  expect(cut.reason).toBe('schedule change');
  expect(cut.entryId).toBe('morning');
  // Cut at 10:00 local, to the second: the paused clock was moved 0.5 s past it.
  expect(Math.abs(Date.parse(cut.endedAt) - Date.parse('2026-11-20T03:00:00Z'))).toBeLessThan(1_000);
});

test('an interrupt preempts at once, and the loop resumes where it left off', async ({ page }) => {
  player = await startPlayer({
    playlist: {
      items: {
        film: { kind: 'video', asset: 'long', transition: { type: 'cut', ms: 0 } },
        alert: slide('Thông báo khẩn', 30, { theme: { background: '#b00020', foreground: '#ffffff', accent: '#ffd54f' } }),
      },
      sequences: { loop: { items: ['film'] }, alert: { items: ['alert'] } },
      schedule: {
        entries: [
          { id: 'normal', layout: 'full', content: { main: 'loop' } },
          { id: 'emergency', layout: 'full', content: { main: 'alert' }, windows: [{ start: '10:00', end: '10:01' }], interrupt: true },
        ],
      },
    },
  });
  await page.clock.install({ time: new Date('2026-11-20T02:59:57Z') }); // 09:59:57
  await page.goto(player.url());
  await expect(page.locator(onScreen('film'))).toBeVisible();
  // The interrupt comes at 10:00 by itself (the clock runs), while the film plays.
  await expect(page.locator(onScreen('alert'))).toBeVisible({ timeout: 8_000 });
  const film = () => page.locator(`${onScreen('film')} video`).evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => player.records.find((r) => r.itemId === 'film')?.outcome).toBe('interrupted');
  const cutAt = player.records.find((r) => r.itemId === 'film')!.durationMs / 1000;
  expect(cutAt).toBeGreaterThan(0.5);

  await page.clock.fastForward(61_000); // past 10:01: the interrupt ends
  await expect(page.locator(onScreen('film'))).toBeVisible({ timeout: 5_000 });
  // Resumed at the position it was cut, not from the start.
  expect(await film()).toBeGreaterThanOrEqual(cutAt - 0.5);
  await expect.poll(() => player.records.findLast((r) => r.itemId === 'alert')?.outcome).toBe('interrupted');
});

test('a new version that renames its sequences plays the new content at once (no blank screen)', async ({ page }) => {
  const version = (seq: string, item: string, title: string) => ({
    items: { [item]: slide(title, 600) },
    sequences: { [seq]: { items: [item] } },
    schedule: { entries: [{ id: 'always', layout: 'full', content: { main: seq } }] },
  });
  player = await startPlayer({ playlist: version('loop-a', 'first', 'Phiên bản một') });
  await page.goto(player.url());
  await expect(page.locator(onScreen('first'))).toBeVisible();

  // Same entry id, new sequence id: the plan must follow the playlist in the same render.
  await player.publish(version('loop-b', 'second', 'Phiên bản hai'));
  await expect(page.locator(onScreen('second'))).toBeVisible();
  await expect(page.locator(onScreen('second')).getByText('Phiên bản hai')).toBeVisible();
  // The item cut by the new version is recorded under the version it belonged to.
  await expect.poll(() => player.records.find((r) => r.itemId === 'first')?.playlistVersion).toBe(1);
});

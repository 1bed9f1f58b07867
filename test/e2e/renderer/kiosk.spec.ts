import { expect, test } from '@playwright/test';
import { startPlayer, type Player } from './player.ts';
import { always, slide } from './playlists.ts';
import type { InteractionEvent } from '../../../playlists/schemas/reports.ts';
import { startKiosk, type KioskPlayer } from '../kiosk/core-kiosk.ts';

let player: Player;
test.afterEach(async () => player?.stop());

test('touch display: the schedule is the attract loop under the kiosk layer; a tap opens the kiosk', async ({ page }) => {
  player = await startPlayer({
    displays: [{ id: 'kiosk', touch: true }],
    playlist: {
      items: { welcome: slide({ vi: 'Chạm để khám phá', en: 'Tap to explore' }, 60) },
      sequences: { loop: { items: ['welcome'] } },
      schedule: always('loop'),
      kiosk: {
        home: { title: { vi: 'Khám phá Cà Mau', en: 'Explore Cà Mau' }, sections: [{ id: 'about', title: 'Cà Mau', page: 'about' }] },
        pages: { about: { title: 'Cà Mau', blocks: [{ kind: 'text', text: 'Mũi Cà Mau.' }] } },
      },
    },
  });
  await page.goto(player.url('kiosk'));
  await expect(page.locator('[data-state="current"][data-item="welcome"]')).toBeVisible();
  await page.locator('.pano-attract-target').click();
  await expect(page.locator('.pano-kiosk')).toBeVisible();
  await expect.poll(() => player.records.find((r) => r.itemId === 'welcome')).toMatchObject({ outcome: 'interrupted', reason: 'stopped' });
});

/**
 * The whole visit on the real player (renderer/dist from `npm run build:renderer`,
 * App → KioskLayer around the scheduled loop) and the real core, with touch:
 * the harness-based kiosk tests cannot see how App wires the layer to the
 * schedule, the screen's language and the core's outbox.
 */
test.describe('touch kiosk on the real player', () => {
  // A touch screen: taps are touch events, not mouse clicks.
  test.use({ hasTouch: true, isMobile: false, viewport: { width: 1920, height: 1080 } });
  let kiosk: KioskPlayer;
  test.afterEach(async () => kiosk?.close());

  test('tap → home → section → page → language → idle countdown → the scheduled loop again, in the screen language, visit cleared', async ({ page }) => {
    // The screen is configured in English; the playlist's default is Vietnamese. The kiosk must follow the screen.
    kiosk = await startKiosk({ id: 'kiosk', orientation: 'landscape' }, { renderer: 'app', language: 'en' });
    const before = new Set((await kiosk.delivered()).map((e) => e.id));
    const mine = async () => (await kiosk.delivered()).filter((e) => !before.has(e.id));
    await page.clock.install();
    await page.goto(kiosk.url);

    // The attract loop is the schedule itself: its item is current.
    const scheduled = page.locator('[data-state="current"][data-item="mangrove"]');
    await expect(scheduled).toBeVisible();
    await page.locator('.pano-attract-target').tap({ position: { x: 400, y: 300 } });
    await expect(page.getByRole('heading', { level: 1, name: 'Explore Cà Mau' })).toBeVisible();
    // While a visitor browses, the loop is unmounted: it must not play (nor report) behind the pages.
    await expect(page.locator('[data-state="current"]')).toHaveCount(0);

    await page.locator('[data-section="explore"]').tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Cape Cà Mau' })).toBeVisible();
    await page.getByTestId('kiosk-language').tap();
    await page.locator('[data-lang="vi"]').tap();
    await expect(page.getByRole('heading', { level: 1, name: 'Mũi Cà Mau' })).toBeVisible();

    // Idle: freeze the page clock, touch once, then let exactly the idle time pass (fixture: 60 s, countdown 30 s).
    // A second ahead: the page's clock keeps running while this call travels (a loaded CI box).
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
    await page.getByRole('heading', { level: 1, name: 'Mũi Cà Mau' }).tap();
    await page.clock.runFor(59_000);
    await expect(page.getByTestId('kiosk-idle')).toHaveCount(0);
    await page.clock.runFor(1_500);
    await expect(page.getByTestId('kiosk-idle')).toBeVisible();
    await expect(page.getByTestId('kiosk-countdown')).toHaveAttribute('data-remaining', '30');
    await page.clock.runFor(30_000);
    await expect(page.locator('.pano-kiosk')).toHaveCount(0);
    // Let time flow again so the schedule's engine can start its item.
    await page.clock.resume();
    await expect(scheduled).toBeVisible();

    // The next visitor: home, in the screen's language (en), no page history.
    await page.locator('.pano-attract-target').tap({ position: { x: 400, y: 300 } });
    await expect(page.getByRole('heading', { level: 1, name: 'Explore Cà Mau' })).toBeVisible();
    await expect(page.getByTestId('kiosk-back')).toHaveCount(0);
    await expect(page.locator('.pano-kiosk')).toHaveAttribute('lang', 'en');

    // Every step reached the core (POST /api/events → outbox) and went on to the collector, in order.
    await expect.poll(async () => (await mine()).map((e) => e.action)).toEqual(['open', 'section', 'page', 'language', 'idle-return', 'open']);
    const events: InteractionEvent[] = await mine();
    expect(events.find((e) => e.action === 'section')).toMatchObject({ display: 'kiosk', section: 'explore', page: 'explore' });
    expect(events.find((e) => e.action === 'language')).toMatchObject({ language: 'vi' });
  });
});

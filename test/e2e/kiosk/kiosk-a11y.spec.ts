import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { contrastFindings } from './contrast.ts';
import { startKiosk, type KioskPlayer } from './core-kiosk.ts';

// Portrait kiosk this time (1080×1920): the same pages must hold up in both orientations.
test.use({ hasTouch: true, isMobile: false, viewport: { width: 1080, height: 1920 } });

let kiosk: KioskPlayer;
test.beforeAll(async () => {
  kiosk = await startKiosk({ id: 'kiosk', orientation: 'portrait' });
});
test.afterAll(async () => {
  await kiosk.close();
});

/** axe-core on the whole page: no serious or critical violation. */
async function axe(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(bad).toEqual([]);
}

/** Every text readable from 3 metres: ≥ 7:1, headings ≥ 4.5:1. */
async function contrast(page: Page, where: string, scope = 'body'): Promise<void> {
  const { measured, failing, min } = await contrastFindings(page, scope);
  expect(measured, `${where}: texts measured`).toBeGreaterThan(0);
  expect(failing, `${where}: lowest ratio ${min}`).toEqual([]);
}

test('every kiosk view passes axe-core and keeps 3-metre contrast', async ({ page }) => {
  await page.clock.install(); // time flows normally until the idle prompt is wanted
  await page.goto(kiosk.url);
  await expect(page.locator('.pano-attract-hint')).toBeVisible();
  await contrast(page, 'attract hint', '.pano-attract-target');
  await axe(page, 'attract');

  await page.locator('.pano-attract-target').tap();
  await expect(page.locator('.pano-sections')).toBeVisible();
  await axe(page, 'home');
  await contrast(page, 'home');

  await page.locator('[data-section="explore"]').tap();
  await page.locator('[data-point="cape"]').tap();
  await expect(page.getByTestId('map-card')).toBeVisible();
  await axe(page, 'explore');
  await contrast(page, 'explore');

  await page.getByTestId('kiosk-home').tap();
  await page.locator('[data-section="specialties"]').tap();
  await expect(page.locator('svg[data-qr]')).toBeVisible();
  await axe(page, 'specialties');
  await contrast(page, 'specialties');

  await page.getByTestId('kiosk-home').tap();
  await page.locator('[data-section="asean"]').tap();
  await page.getByTestId('quiz-start').tap();
  await page.locator('[data-choice="2"]').tap(); // wrong: both the right and the wrong colours show
  await expect(page.getByTestId('quiz-feedback')).toBeVisible();
  await axe(page, 'quiz feedback');
  await contrast(page, 'quiz feedback');

  await page.getByTestId('kiosk-language').tap();
  await expect(page.getByTestId('kiosk-languages')).toBeVisible();
  await axe(page, 'language picker');
  await contrast(page, 'language picker', '.pano-overlay');

  await page.locator('[data-lang="km"]').tap();
  await axe(page, 'quiz in Khmer');
  await contrast(page, 'quiz in Khmer');

  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 50);
  await page.getByTestId('quiz-feedback').tap();
  await page.clock.runFor(61_000);
  await expect(page.getByTestId('kiosk-idle')).toBeVisible();
  await contrast(page, 'idle prompt', '.pano-overlay');
  // axe needs running timers: let time flow (the prompt lasts 30 s) and check it was still up afterwards.
  await page.clock.resume();
  await axe(page, 'idle prompt');
  await expect(page.getByTestId('kiosk-idle')).toBeVisible();
});

test('the contrast check fails on text that is too faint', async ({ page }) => {
  await page.goto(kiosk.url);
  await page.locator('.pano-attract-target').tap();
  await page.locator('.pano-home-subtitle').evaluate((el: HTMLElement) => (el.style.color = '#4f7f6e'));
  const { failing } = await contrastFindings(page);
  expect(failing.map((f) => f.text)).toEqual(['Góc ASEAN — chạm vào một mục để bắt đầu']);
  expect(failing[0]!.ratio).toBeLessThan(7);
});

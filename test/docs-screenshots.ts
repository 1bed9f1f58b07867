#!/usr/bin/env node
/**
 * `npm run docs:screenshots`: the README's pictures, from the real demo.
 * Runs `npm start -- --shell none` on fresh data, opens the player's two
 * displays (the signage loop and the touch kiosk) and the dashboard in the
 * system Chromium, and saves docs/images/demo-*.png and kiosk-*.png.
 * Every picture waits for the state it shows (item current and faded in,
 * pictures decoded, fonts loaded), never for a fixed time.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { findChromium } from './chromium.ts';

const ROOT = join(import.meta.dirname, '..');
const data = await mkdtemp(join(tmpdir(), 'pano-shots-'));
const demo = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(ROOT, 'cli', 'start.ts'), '--data', data, '--port', '0', '--shell', 'none'], { stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
const line = (re: RegExp) =>
  new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const m = re.exec(out);
      if (m) resolve(m);
      return m;
    };
    if (check()) return;
    demo.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      check();
    });
    demo.on('exit', () => reject(new Error(`demo exited:\n${out}`)));
  });

const browser = await chromium.launch({
  executablePath: findChromium(),
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--autoplay-policy=no-user-gesture-required'],
});
/** Fonts loaded, every picture decoded, no item fading out, the current one fully faded in. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const images = [...document.images].every((img) => img.complete && img.naturalWidth > 0);
    const current = [...document.querySelectorAll<HTMLElement>('[data-state="current"]')].every((el) => getComputedStyle(el).opacity === '1');
    return document.fonts.status === 'loaded' && images && current && document.querySelectorAll('[data-state="leaving"]').length === 0;
  }, undefined, { timeout: 30_000, polling: 100 });
}

/**
 * The studio in Vietnamese, as an operator on a desktop (1920×1080) and on a
 * 390 px phone sees it: fleet, loops, the week calendar, the preview playing
 * the demo channel in the real renderer, the library, and the JSON view's
 * bundled monospace font (a close-up of "bắt đầu").
 */
async function studioShots(url: string, user: string, password: string): Promise<void> {
  const shot = (name: string) => join(ROOT, 'docs', 'images', `${name}.png`);
  const desk = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1920, height: 1080 } });
  const ops = await desk.newPage();
  // Signed in through the API (the session cookie lands in this context); the studio opens on its fleet page.
  await ops.request.post(`${url}/api/login`, { data: { username: user, password } });
  await ops.goto(`${url}/`);
  await ops.locator('.device-card .now-playing .np').first().waitFor({ timeout: 60_000 });
  await settled(ops);
  await ops.screenshot({ path: shot('studio-fleet') });
  for (const tab of ['loops', 'schedule']) {
    await ops.goto(`${url}/channels/ca-mau-demo?tab=${tab}`);
    await ops.locator('.tab-body .panel').first().waitFor();
    await settled(ops);
    await ops.screenshot({ path: shot(`studio-${tab}`) });
  }
  await ops.goto(`${url}/channels/ca-mau-demo?tab=preview`);
  const frame = ops.frameLocator('.preview-screen iframe');
  await frame.locator('[data-state="current"]').first().waitFor({ timeout: 60_000 });
  await ops.locator('.timeline li').first().waitFor();
  await settled(ops);
  await ops.screenshot({ path: shot('studio-preview') });
  await ops.goto(`${url}/library`);
  await ops.locator('.media-card img').first().waitFor({ timeout: 60_000 });
  await settled(ops);
  await ops.screenshot({ path: shot('studio-library') });

  const close = await browser.newContext({ locale: 'vi-VN', viewport: { width: 900, height: 500 }, deviceScaleFactor: 2 });
  const json = await close.newPage();
  await json.request.post(`${url}/api/login`, { data: { username: user, password } });
  await json.goto(`${url}/channels/ca-mau-demo?tab=json`);
  const area = json.getByLabel('Bản nháp dạng JSON');
  await area.evaluate((ta: HTMLTextAreaElement) => {
    const line = ta.value.slice(0, ta.value.indexOf('nơi bắt đầu')).split('\n').length;
    ta.scrollTop = (line - 4) * parseFloat(getComputedStyle(ta).lineHeight);
  });
  await settled(json);
  await area.screenshot({ path: shot('studio-json-marks') });

  const phone = await browser.newContext({ locale: 'vi-VN', viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const mobile = await phone.newPage();
  await mobile.request.post(`${url}/api/login`, { data: { username: user, password } });
  await mobile.goto(`${url}/`);
  await mobile.locator('.device-card .now-playing .np').first().waitFor({ timeout: 60_000 });
  await settled(mobile);
  await mobile.screenshot({ path: shot('studio-fleet-phone') });
  await mobile.goto(`${url}/channels/ca-mau-demo?tab=schedule`);
  await mobile.locator('.week-block').first().waitFor();
  await settled(mobile);
  await mobile.screenshot({ path: shot('studio-schedule-phone') });
  await Promise.all([desk.close(), close.close(), phone.close()]);
}

try {
  const [, dashboard, user, password] = await line(/Studio: +(\S+)\s+login: (\S+) \/ (\S+)/);
  const [, player] = await line(/Player:\s+(\S+)\s+\(display main/);
  const [, kiosk] = await line(/Player:\s+(\S+)\s+\(display kiosk/);
  await line(/player adopted/);
  const screen = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await screen.goto(player!);
  await screen.locator('[data-state="current"][data-item="headline-destination"]').waitFor({ timeout: 120_000 });
  await settled(screen);
  await screen.screenshot({ path: join(ROOT, 'docs', 'images', 'demo-player.png') });

  // The kiosk display, as a visitor sees it after one tap on the attract loop.
  const touch = await browser.newContext({ viewport: { width: 1920, height: 1080 }, hasTouch: true });
  const visitor = await touch.newPage();
  await visitor.goto(kiosk!);
  await visitor.locator('.pano-attract-target').tap({ timeout: 120_000 });
  await visitor.getByTestId('kiosk-home-view').waitFor();
  await settled(visitor);
  await visitor.screenshot({ path: join(ROOT, 'docs', 'images', 'kiosk-home.png') });
  await visitor.locator('[data-section="explore"]').tap();
  await visitor.locator('.pano-map').waitFor();
  await settled(visitor);
  await visitor.screenshot({ path: join(ROOT, 'docs', 'images', 'kiosk-explore.png') });
  // Further down the same page: the map, with one point of interest opened.
  await visitor.locator('[data-point="cape"]').tap();
  await visitor.getByTestId('map-card').waitFor();
  // The map is taller than the screen: end with the pin's card, so the picture shows what the tap did.
  await visitor.getByTestId('map-card').evaluate((card) => card.scrollIntoView({ block: 'end' }));
  await settled(visitor);
  await visitor.screenshot({ path: join(ROOT, 'docs', 'images', 'kiosk-map.png') });
  await visitor.getByTestId('kiosk-language').tap();
  await visitor.locator('[data-lang="en"]').tap();
  await visitor.getByTestId('kiosk-home').tap();
  await visitor.locator('[data-section="asean"]').tap();
  await visitor.getByTestId('quiz-start').tap();
  await visitor.locator('[data-choice="0"]').tap();
  await visitor.getByTestId('quiz-feedback').waitFor();
  await visitor.getByTestId('quiz-feedback').scrollIntoViewIfNeeded();
  await settled(visitor);
  await visitor.screenshot({ path: join(ROOT, 'docs', 'images', 'kiosk-quiz-en.png') });

  await studioShots(dashboard!, user!, password!);
  console.log('wrote docs/images/demo-player.png, kiosk-*.png and studio-*.png');
} finally {
  await browser.close();
  demo.kill('SIGINT');
  await new Promise((r) => demo.once('exit', r));
  await rm(data, { recursive: true, force: true });
}

/** Shared steps of the studio's browser tests: a real hub serving studio/dist, a real core, axe, ffmpeg media. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { createPlayerCore, type PlayerCore } from '../../../core/index.ts';
import { headlessPorts } from '../../../core/ports.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
export const RENDERER = join(ROOT, 'renderer', 'dist');
export const STUDIO = join(ROOT, 'studio', 'dist');

export function needBuilds(): void {
  for (const dir of [RENDERER, STUDIO]) {
    if (!existsSync(join(dir, 'index.html'))) throw new Error(`${dir} is missing: run npm run build:renderer and npm run build:studio (npm run test:e2e does)`);
  }
}

/** A 4 s clip of one solid colour (so its frame is recognisable in pixels), H.264 in MP4. */
export async function makeClip(dir: string, name: string, colour: string): Promise<string> {
  const out = join(dir, name);
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${colour}:size=640x360:rate=25:duration=4`, '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', out]);
  return out;
}

/** A one-colour PNG picture (a map's background in the kiosk). */
export async function makePicture(dir: string, name: string, colour: string): Promise<string> {
  const out = join(dir, name);
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${colour}:size=800x600`, '-frames:v', '1', out]);
  return out;
}

/** A Vietnamese operator's browser. */
export async function viContext(browser: Browser, width = 1440, height = 900): Promise<BrowserContext> {
  return browser.newContext({ locale: 'vi-VN', viewport: { width, height }, timezoneId: 'Europe/Paris' });
}

export async function signIn(page: Page, url: string, username: string, password: string, timeout = 5_000): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible({ timeout });
}

/** axe-core finds no violation on what the page shows now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).exclude('iframe').analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(found, `axe on ${what}`).toEqual([]);
}

export function startCore(hubUrl: string, deviceId: string): { core: PlayerCore; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'pano-studio-core-'));
  const core = createPlayerCore(
    { dataDir, hubUrl, deviceId, apiPort: 0, heartbeatIntervalMs: 1_000, uploadIntervalMs: 500, pairingPollMs: 200, rendererDir: RENDERER },
    headlessPorts,
  );
  return { core, dataDir };
}

export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms))]);
}

/** The next Monday (or today when it is Monday) in Hồ Chí Minh City, as dd/MM/yyyy. */
export function nextMonday(now = Date.now()): string {
  const local = new Date(now + 7 * 3600_000);
  const add = (8 - (local.getUTCDay() || 7)) % 7;
  const d = new Date(local.getTime() + add * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** The share of an element's pixels within `tolerance` of an RGB colour (what the glass shows, not the DOM). */
export async function colourShare(page: Page, selector: string, rgb: [number, number, number], tolerance = 40): Promise<number> {
  const png = PNG.sync.read(await page.locator(selector).screenshot());
  let hits = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i]! - rgb[0]) <= tolerance && Math.abs(png.data[i + 1]! - rgb[1]) <= tolerance && Math.abs(png.data[i + 2]! - rgb[2]) <= tolerance) hits++;
  }
  return hits / (png.width * png.height);
}

/**
 * Studio benchmark (docs/benchmarks.md, "Studio"), on loopback in Debian's
 * Chromium, each round in a fresh browser context (cold HTTP cache):
 *  - first load of the login page to interactive (the sign-in button usable);
 *  - first load of the fleet page, signed in, to interactive (screens listed);
 *  - same-run baselines: the hub's bare response time (a browser navigating to
 *    GET /api/settings, a small JSON document, and Node's fetch of it);
 *  - the bundle's size, raw and gzip.
 *
 *   npm run bench -- studio [--quick]
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { createHub } from '../../server/hub.ts';
import { findChromium } from '../chromium.ts';
import { median, type BenchResult } from './harness.ts';

const AREA = 'studio';
const DIST = join(import.meta.dirname, '..', '..', 'studio', 'dist');

async function bundleSize(): Promise<{ raw: number; gzip: number; js: number; jsGzip: number }> {
  let raw = 0;
  let gzip = 0;
  let js = 0;
  let jsGzip = 0;
  for (const name of ['index.html', ...(await readdir(join(DIST, 'assets'))).map((n) => `assets/${n}`)]) {
    const bytes = await readFile(join(DIST, name));
    // Fonts are already compressed (woff2): count them as they travel.
    const z = name.endsWith('.woff2') ? bytes.length : gzipSync(bytes).length;
    raw += bytes.length;
    gzip += z;
    if (name.endsWith('.js')) {
      js += bytes.length;
      jsGzip += z;
    }
  }
  return { raw, gzip, js, jsGzip };
}

/** Navigation start → the selector visible, in a fresh context (cold cache), as the page's own clock reads it. */
async function firstLoad(browser: Browser, url: string, selector: string, cookie?: { name: string; value: string }): Promise<number> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 } });
  if (cookie) await context.addCookies([{ ...cookie, url }]);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 30_000 });
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  return ms;
}

async function bareNavigation(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const ms = await page.evaluate(() => performance.getEntriesByType('navigation')[0]!.duration);
  await context.close();
  return ms;
}

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error('studio/dist is missing: npm run build:studio');
  });
  const rounds = quick ? 3 : 9;
  const dataDir = await mkdtemp(join(tmpdir(), 'pano-bench-studio-'));
  const hub = await createHub({ dataDir, port: 0, log: () => undefined });
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const login = await fetch(`${hub.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: hub.firstAdmin!.password }) });
    const session = /pano_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const settings = `${hub.url}/api/settings`;
    // Warm the hub's own code paths once (not the browser: every round is a cold context).
    await firstLoad(browser, `${hub.url}/`, 'button[type=submit]');
    const loginPage: number[] = [];
    const fleetPage: number[] = [];
    const bare: number[] = [];
    const fetched: number[] = [];
    for (let i = 0; i < rounds; i++) {
      loginPage.push(await firstLoad(browser, `${hub.url}/`, 'button[type=submit]:not([disabled])'));
      fleetPage.push(await firstLoad(browser, `${hub.url}/`, 'main .page > p.muted', { name: 'pano_session', value: session }));
      bare.push(await bareNavigation(browser, settings));
      const t0 = performance.now();
      await (await fetch(settings)).arrayBuffer();
      fetched.push(performance.now() - t0);
    }
    const size = await bundleSize();
    const baseline = { name: 'browser navigating to GET /api/settings (cold context)', value: median(bare) };
    return [
      { area: AREA, name: 'first load, login page to interactive (cold cache, median)', value: median(loginPage), unit: 'ms', baseline },
      { area: AREA, name: 'first load, fleet page signed in to interactive (cold cache, median)', value: median(fleetPage), unit: 'ms', baseline },
      { area: AREA, name: "hub's bare response, GET /api/settings by fetch (median)", value: median(fetched), unit: 'ms' },
      { area: AREA, name: 'bundle, all files (raw)', value: size.raw / 1024, unit: 'KiB' },
      { area: AREA, name: 'bundle, all files if a proxy gzips them (woff2 as is; the hub sends them raw)', value: size.gzip / 1024, unit: 'KiB' },
      { area: AREA, name: 'bundle, JavaScript (raw / gzip)', value: size.js / 1024, unit: 'KiB', baseline: { name: 'gzip', value: size.jsGzip / 1024 } },
    ];
  } finally {
    await browser.close();
    await hub.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

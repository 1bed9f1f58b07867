/**
 * Studio benchmark (docs/benchmarks.md, "Studio"), on loopback in Debian's
 * Chromium, each round in a fresh browser context (cold HTTP cache):
 *  - first load of the login page to interactive (the sign-in button usable),
 *    on loopback and on a phone's link (150 ms round trip, 1.6 Mbit/s down),
 *    the latter compressed (as Chromium asks) and, same run, uncompressed
 *    (Accept-Encoding: identity: what the hub sent before it compressed);
 *  - the bytes the login page transfers, compressed and not;
 *  - first load of the fleet page, signed in, to interactive (screens listed);
 *  - same-run baselines: the hub's bare response time (a browser navigating to
 *    GET /api/settings, a small JSON document, and Node's fetch of it);
 *  - the bundle's size: the login page's script and all JavaScript, raw and brotli.
 * PANO_BENCH_STUDIO_BEFORE=<a studio/dist built from an older commit> adds its
 * login page, served uncompressed, to the same run.
 *
 *   npm run bench -- studio [--quick]
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { createHub, type Hub } from '../../server/hub.ts';
import { findChromium } from '../chromium.ts';
import { median, type BenchResult } from './harness.ts';

const AREA = 'studio';
const DIST = join(import.meta.dirname, '..', '..', 'studio', 'dist');
const LOGIN_READY = 'button[type=submit]:not([disabled])';
/** A phone on a mobile link as Lighthouse's mobile profile has it ("slow 4G"): 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up. */
const PHONE = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };

const brotli = (bytes: Buffer) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } }).length;

/** The login page's own script (index.html's), and all JavaScript, raw and as the hub sends it (brotli). */
async function bundleSize(dist: string): Promise<{ loginJs: number; loginJsBr: number; js: number; jsBr: number }> {
  const index = await readFile(join(dist, 'index.html'), 'utf8');
  const entry = /src="\/(assets\/[^"]+\.js)"/.exec(index)![1]!;
  let js = 0;
  let jsBr = 0;
  for (const name of (await readdir(join(dist, 'assets'))).filter((n) => n.endsWith('.js'))) {
    const bytes = await readFile(join(dist, 'assets', name));
    js += bytes.length;
    jsBr += brotli(bytes);
  }
  const login = await readFile(join(dist, entry));
  return { loginJs: login.length, loginJsBr: brotli(login), js, jsBr };
}

interface Load {
  cookie?: { name: string; value: string };
  /** Ask for no compression. */
  identity?: boolean;
  phone?: boolean;
}

/** Navigation start → the selector visible, in a fresh context (cold cache), as the page's own clock reads it; and the bytes it transferred. */
async function firstLoad(browser: Browser, url: string, selector: string, load: Load = {}): Promise<{ ms: number; bytes: number }> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1440, height: 900 }, ...(load.identity ? { extraHTTPHeaders: { 'accept-encoding': 'identity' } } : {}) });
  if (load.cookie) await context.addCookies([{ ...load.cookie, url }]);
  const page = await context.newPage();
  if (load.phone) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', PHONE);
  }
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 60_000 });
  const ms = await page.evaluate(() => performance.now());
  const bytes = await page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce((sum, e) => sum + (e as PerformanceResourceTiming).transferSize, 0),
  );
  await context.close();
  return { ms, bytes };
}

async function bareNavigation(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const ms = await page.evaluate(() => performance.getEntriesByType('navigation')[0]!.duration);
  await context.close();
  return ms;
}

async function startHub(studio: string): Promise<{ hub: Hub; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pano-bench-studio-'));
  return { hub: await createHub({ dataDir, port: 0, log: () => undefined, staticDirs: { studio } }), dataDir };
}

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  await stat(join(DIST, 'index.html')).catch(() => {
    throw new Error('studio/dist is missing: npm run build:studio');
  });
  const beforeDist = process.env.PANO_BENCH_STUDIO_BEFORE;
  const rounds = quick ? 3 : 9;
  const { hub, dataDir } = await startHub(DIST);
  const before = beforeDist ? await startHub(beforeDist) : null;
  const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  try {
    const login = await fetch(`${hub.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: hub.firstAdmin!.password }) });
    const session = /pano_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
    const settings = `${hub.url}/api/settings`;
    // Warm the hubs' own code paths and compressed files once (not the browser: every round is a cold context).
    await firstLoad(browser, `${hub.url}/`, LOGIN_READY);
    if (before) await firstLoad(browser, `${before.hub.url}/`, LOGIN_READY);
    const figures: Record<string, number[]> = { login: [], loginPhone: [], loginPhoneRaw: [], loginBytes: [], loginBytesRaw: [], fleet: [], bare: [], fetched: [], beforePhone: [], beforeBytes: [] };
    for (let i = 0; i < rounds; i++) {
      figures.login!.push((await firstLoad(browser, `${hub.url}/`, LOGIN_READY)).ms);
      const phone = await firstLoad(browser, `${hub.url}/`, LOGIN_READY, { phone: true });
      const phoneRaw = await firstLoad(browser, `${hub.url}/`, LOGIN_READY, { phone: true, identity: true });
      figures.loginPhone!.push(phone.ms);
      figures.loginBytes!.push(phone.bytes);
      figures.loginPhoneRaw!.push(phoneRaw.ms);
      figures.loginBytesRaw!.push(phoneRaw.bytes);
      if (before) {
        const old = await firstLoad(browser, `${before.hub.url}/`, LOGIN_READY, { phone: true, identity: true });
        figures.beforePhone!.push(old.ms);
        figures.beforeBytes!.push(old.bytes);
      }
      figures.fleet!.push((await firstLoad(browser, `${hub.url}/`, 'main .page > p.muted', { cookie: { name: 'pano_session', value: session } })).ms);
      figures.bare!.push(await bareNavigation(browser, settings));
      const t0 = performance.now();
      await (await fetch(settings)).arrayBuffer();
      figures.fetched!.push(performance.now() - t0);
    }
    const m = (k: string) => median(figures[k]!);
    const size = await bundleSize(DIST);
    const bare = { name: 'browser navigating to GET /api/settings (cold context)', value: m('bare') };
    const results: BenchResult[] = [
      { area: AREA, name: 'first load, login page to interactive, loopback (cold cache, median)', value: m('login'), unit: 'ms', baseline: bare },
      { area: AREA, name: 'first load, login page to interactive, phone link, compressed (median)', value: m('loginPhone'), unit: 'ms', baseline: { name: 'same, uncompressed', value: m('loginPhoneRaw') } },
      { area: AREA, name: 'login page, bytes transferred, compressed', value: m('loginBytes') / 1024, unit: 'KiB', baseline: { name: 'uncompressed', value: m('loginBytesRaw') / 1024 } },
      { area: AREA, name: 'first load, fleet page signed in to interactive, loopback (cold cache, median)', value: m('fleet'), unit: 'ms', baseline: bare },
      { area: AREA, name: "hub's bare response, GET /api/settings by fetch (median)", value: m('fetched'), unit: 'ms' },
      { area: AREA, name: "bundle, the login page's script (raw / brotli)", value: size.loginJs / 1024, unit: 'KiB', baseline: { name: 'brotli', value: size.loginJsBr / 1024 } },
      { area: AREA, name: 'bundle, all JavaScript (raw / brotli)', value: size.js / 1024, unit: 'KiB', baseline: { name: 'brotli', value: size.jsBr / 1024 } },
    ];
    if (before) {
      const old = await bundleSize(beforeDist!);
      results.push(
        { area: AREA, name: 'first load, login page, phone link: this build compressed vs the older build as served before', value: m('loginPhone'), unit: 'ms', baseline: { name: 'older build, uncompressed', value: m('beforePhone') } },
        { area: AREA, name: 'login page, bytes transferred: this build compressed vs the older build uncompressed', value: m('loginBytes') / 1024, unit: 'KiB', baseline: { name: 'older build', value: m('beforeBytes') / 1024 } },
        { area: AREA, name: "the login page's script, raw: this build vs the older build", value: size.loginJs / 1024, unit: 'KiB', baseline: { name: 'older build', value: old.loginJs / 1024 } },
      );
    }
    return results;
  } finally {
    await browser.close();
    await hub.close();
    await before?.hub.close();
    await rm(dataDir, { recursive: true, force: true });
    if (before) await rm(before.dataDir, { recursive: true, force: true });
  }
}

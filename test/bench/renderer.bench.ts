/**
 * Renderer benchmarks (docs/benchmarks.md, "Renderer"), in Debian's Chromium:
 *  - gaps at video→video, video→image and image→video boundaries, the
 *    ZoneEngine against a naive one-<video> player, in the same run;
 *  - black frames at 50 cuts and 50 fades between distinct HD clips, on the
 *    X screen (pixels.ts), against naive players in the same run;
 *  - a memory soak of short-clip transitions with forced GC.
 * Start-up is in startup.bench.ts.
 *
 *   npm run bench -- renderer [--quick]
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { build } from 'vite';
import { findChromium } from '../chromium.ts';
import { ensureMediaFixtures } from '../fixtures/make-media.ts';
import { median, percentile, type BenchResult } from './harness.ts';
import type { BenchItem, Boundary } from './renderer-page/main.ts';
import { pixelBoundaries } from './pixels.ts';

const AREA = 'renderer';
const FRAME_MS = 1000 / 30;
const ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
  '--js-flags=--expose-gc',
];

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.mp4': 'video/mp4', '.png': 'image/png', '.jpg': 'image/jpeg' };

/** Static files with Range, like the core's /media. */
export async function serve(roots: Record<string, string>): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = Object.keys(roots).find((p) => path.startsWith(p))!;
    const rel = normalize(path.slice(prefix.length) || 'index.html');
    const file = join(roots[prefix]!, rel);
    const s = await stat(file).catch(() => null);
    if (!s?.isFile() || rel.startsWith('..')) return void res.writeHead(404).end();
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const range = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      const end = range[2] ? Number(range[2]) : s.size - 1;
      res.writeHead(206, { 'content-type': type, 'content-range': `bytes ${start}-${end}/${s.size}`, 'content-length': end - start + 1, 'accept-ranges': 'bytes' });
      createReadStream(file, { start, end }).pipe(res);
      return;
    }
    res.writeHead(200, { 'content-type': type, 'content-length': s.size, 'accept-ranges': 'bytes' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export async function buildPage(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'pano-bench-page-'));
  await build({ root: join(import.meta.dirname, 'renderer-page'), base: './', logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'chrome120' } });
  return outDir;
}

const launch = () => chromium.launch({ executablePath: findChromium(), args: ARGS });

function gapResults(engine: Boundary[], naive: Boundary[]): BenchResult[] {
  const out: BenchResult[] = [];
  for (const [from, to] of [['video', 'video'], ['video', 'image'], ['image', 'video']] as const) {
    const pick = (b: Boundary[]) => b.filter((x) => x.from === from && x.to === to);
    const e = pick(engine);
    const n = pick(naive);
    const name = `${from}→${to}`;
    const p95 = percentile(e.map((x) => x.extraMs), 95);
    out.push({
      area: AREA,
      name: `${name} extra beyond one frame, median (n=${e.length})`,
      value: median(e.map((x) => x.extraMs)),
      unit: 'ms',
      baseline: { name: 'naive <video> src swap', value: median(n.map((x) => x.extraMs)) },
    });
    out.push({
      area: AREA,
      name: `${name} extra beyond one frame, p95 (n=${e.length})`,
      value: p95,
      unit: 'ms',
      baseline: { name: 'naive <video> src swap', value: percentile(n.map((x) => x.extraMs), 95) },
      ...(name === 'video→video' ? { target: '≤ 0.5 frame (16.7 ms)', pass: p95 <= FRAME_MS / 2 } : {}),
    });
    const black = e.reduce((s, x) => s + x.black, 0);
    out.push({
      area: AREA,
      name: `${name} black frames (sum over n=${e.length})`,
      value: black,
      unit: 'frames',
      baseline: { name: 'naive <video> src swap', value: n.reduce((s, x) => s + x.black, 0) },
      target: '0',
      pass: black === 0,
    });
  }
  return out;
}

async function gaps(page: Page, base: string, cycles: number): Promise<BenchResult[]> {
  const items: BenchItem[] = [
    { kind: 'video', src: `${base}/media/short-a.mp4` },
    { kind: 'video', src: `${base}/media/short-b.mp4` },
    { kind: 'image', src: `${base}/media/image-a.png`, duration: 0.4 },
  ];
  const count = items.length * cycles;
  const engine = await page.evaluate(([i, c]) => window.bench.engine(i, c), [items, count] as const);
  const naive = await page.evaluate(([i, c]) => window.bench.naive(i, c), [items, count] as const);
  return gapResults(engine, naive);
}

/** Resident memory of the page's renderer process (MB), from /proc via the PID Chromium reports. */
async function rendererRssMb(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  await cdp.detach();
  let total = 0;
  for (const p of info.processInfo.filter((x) => x.type === 'renderer')) {
    const status = await readFile(`/proc/${p.id}/status`, 'utf8').catch(() => '');
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  }
  return total;
}

function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function soak(browser: Browser, page: Page, base: string, total: number): Promise<BenchResult[]> {
  await page.evaluate(
    (items) => {
      (window as unknown as { soakRun: ReturnType<typeof window.bench.soak> }).soakRun = window.bench.soak(items);
    },
    [
      { kind: 'video', src: `${base}/media/tiny-a.mp4` },
      { kind: 'video', src: `${base}/media/tiny-b.mp4` },
    ] as BenchItem[],
  );
  const step = Math.max(25, Math.round(total / 20));
  const samples: { x: number; y: number; heap: number }[] = [];
  const transitions = () => page.evaluate(() => (window as unknown as { soakRun: { transitions(): number } }).soakRun.transitions());
  const gc = () => page.evaluate(() => (globalThis as unknown as { gc(): void }).gc());
  for (let next = step; next <= total; next += step) {
    await page.waitForFunction((n) => (window as unknown as { soakRun: { transitions(): number } }).soakRun.transitions() >= n, next, { timeout: 180_000, polling: 100 });
    await gc();
    await gc();
    const heap = await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 1024 / 1024);
    // Skip the warm-up (decoders, JIT, caches settle over the first samples).
    if (next > step * 2) samples.push({ x: await transitions(), y: await rendererRssMb(browser), heap });
  }
  // Count between two transitions, not in the middle of one: an element being retired
  // right then is still referenced by its release timer and is not a leak.
  await page.evaluate(() => (window as unknown as { soakRun: { settled(): Promise<void> } }).soakRun.settled());
  await gc();
  await gc();
  const detached = await page.evaluate(() => {
    const run = (window as unknown as { soakRun: { detached(): number; stop(): void } }).soakRun;
    return run.detached();
  });
  await page.evaluate(() => (window as unknown as { soakRun: { stop(): void } }).soakRun.stop());
  const rss = slope(samples);
  const heap = slope(samples.map((s) => ({ x: s.x, y: s.heap })));
  return [
    { area: AREA, name: `memory soak: renderer RSS slope over ${total} transitions`, value: rss, unit: 'MB/transition', target: '≤ 0.05', pass: rss <= 0.05 },
    { area: AREA, name: `memory soak: JS heap slope over ${total} transitions`, value: heap, unit: 'MB/transition' },
    { area: AREA, name: 'memory soak: detached media elements alive after GC', value: detached, unit: 'elements', target: '0', pass: detached === 0 },
  ];
}

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const media = await ensureMediaFixtures();
  const pageDir = await buildPage();
  const server = await serve({ '/media/': media.dir, '/': pageDir });
  const browser = await launch();
  const results: BenchResult[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => 'bench' in window);
    results.push(...(await gaps(page, server.url, quick ? 17 : 52)));
    results.push(...(await pixelBoundaries(server.url, quick ? 12 : 50)));
    const soakPage = await browser.newPage({ viewport: { width: 640, height: 360 } });
    await soakPage.goto(`${server.url}/`);
    await soakPage.waitForFunction(() => 'bench' in window);
    results.push(...(await soak(browser, soakPage, server.url, quick ? 300 : 2_000)));
  } finally {
    await browser.close();
    await server.stop();
    await rm(pageDir, { recursive: true, force: true });
  }
  return results;
}

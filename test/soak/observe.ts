/**
 * What the soak watches while faults come: the glass (the X screen, 4 frames
 * a second), memory per process, the player's outbox and cache on disk, and,
 * at the end, the page's ledger of plays it started (over DevTools).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openCdp, pageWebSocketUrl, readDevToolsPort } from '../../core/chromium/devtools.ts';
import { simulatedTime, type SimClockSpec } from '../../core/util/clock.ts';
import { grabScreen, isBlank, thumbnailPng, type ScreenGrab } from '../fixtures/screen-frames.ts';
import { memoryByKind, type ProcessKind } from './processes.ts';
import { SCREEN } from './stack.ts';

export interface Sample {
  /** Real ms (Date.now) and simulated ms of the frame. */
  real: number;
  sim: number;
  blank: boolean;
  magenta: boolean;
  /** PNG of the frame, kept for some blank frames while the screen should play. */
  png?: () => Promise<Buffer | null>;
}

export const SAMPLE_FPS = 4;

/** The X screen, sampled for the whole run. */
export function sampleScreen(display: string, spec: SimClockSpec): { started: Promise<void>; samples(): Sample[]; stop(): Promise<void> } {
  let t0 = 0;
  let kept = 0;
  const openHours = (t: number) => {
    const h = new Date(simulatedTime(spec, t0 + t) + 7 * 3_600_000).getUTCHours();
    return h >= 6 && h < 22;
  };
  const grab: ScreenGrab = grabScreen(display, SCREEN, SAMPLE_FPS, (t) => t0 > 0 && openHours(t) && kept++ < 400);
  const started = grab.started.then(() => void (t0 = Date.now()));
  const samples = () =>
    grab.frames().map((f) => {
      const real = t0 + f.t;
      const [r, g, b] = f.mean;
      return { real, sim: simulatedTime(spec, real), blank: isBlank(f), magenta: r > 170 && b > 170 && g < 90, ...(f.pixels ? { png: () => thumbnailPng(f) } : {}) };
    });
  return { started, samples, stop: async () => void (await grab.stop().catch(() => undefined)) };
}

async function folderBytes(dir: string): Promise<number> {
  let n = 0;
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, e.name);
    if (e.isDirectory()) n += await folderBytes(path);
    else n += (await stat(path).catch(() => ({ size: 0 }))).size;
  }
  return n;
}

export interface MemorySample {
  simDay: number;
  realMin: number;
  kind: ProcessKind;
  mb: number;
  pids: string;
}

export interface DiskSample {
  outbox: number;
  cache: number;
}

export async function sampleMemory(simDay: number, realMin: number, playerPid: number | undefined, hubPid: number | undefined): Promise<MemorySample[]> {
  const byKind = await memoryByKind(playerPid, hubPid);
  return [...byKind].map(([kind, v]) => ({ simDay, realMin, kind, mb: v.mb, pids: v.pids }));
}

export async function sampleDisk(playerDir: string): Promise<DiskSample> {
  return { outbox: await folderBytes(join(playerDir, 'outbox')), cache: await folderBytes(join(playerDir, 'cache')) };
}

/**
 * Slope of each process kind in MB per simulated day (least squares over each
 * unbroken series: a restart starts a new one; the first three samples of a
 * series are warm-up), weighted by series length; with the real-hour slope.
 */
export function memorySlopes(samples: MemorySample[]): ({ kind: ProcessKind } & Slopes)[] {
  const kinds = [...new Set(samples.map((s) => s.kind))];
  return kinds.map((kind) => ({ kind, ...seriesSlopes(samples.filter((s) => s.kind === kind).map((s) => ({ series: s.pids, simDay: s.simDay, realMin: s.realMin, value: s.mb }))) }));
}

/** The same slopes for what the page holds after GC, one series per page load. */
export function pageSlopes(samples: PageSample[]): Record<'heapMb' | 'nodes' | 'listeners' | 'documents', Slopes> {
  const of = (key: 'heapMb' | 'nodes' | 'listeners' | 'documents') => seriesSlopes(samples.map((s) => ({ series: s.page, simDay: s.simDay, realMin: s.realMin, value: s[key] })));
  return { heapMb: of('heapMb'), nodes: of('nodes'), listeners: of('listeners'), documents: of('documents') };
}

export interface Slopes {
  perSimDay: number;
  perRealHour: number;
  /** The last value seen (MB for memory). */
  lastMb: number;
  series: number;
  points: number;
}

function seriesSlopes(samples: { series: string; simDay: number; realMin: number; value: number }[]): Slopes {
  const series = new Map<string, typeof samples>();
  for (const s of samples) series.set(s.series, [...(series.get(s.series) ?? []), s]);
  let wDay = 0;
  let wReal = 0;
  let weight = 0;
  for (const run of series.values()) {
    const pts = run.slice(3);
    if (pts.length < 8) continue;
    wDay += slope(pts.map((p) => [p.simDay, p.value])) * pts.length;
    wReal += slope(pts.map((p) => [p.realMin / 60, p.value])) * pts.length;
    weight += pts.length;
  }
  return { perSimDay: weight ? wDay / weight : NaN, perRealHour: weight ? wReal / weight : NaN, lastMb: samples.at(-1)?.value ?? NaN, series: series.size, points: weight };
}

function slope(points: [number, number][]): number {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  const num = points.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

/**
 * What the page itself holds, after a full garbage collection, read over
 * DevTools: the JS heap, DOM nodes, event listeners, documents. Beside the
 * renderer process's resident memory this tells a leak in the page's own
 * objects (these grow) from Chromium's native caches (only RSS grows).
 */
export interface PageSample {
  /** The page load (performance.timeOrigin): a reload or a new renderer starts a new series. */
  page: string;
  simDay: number;
  realMin: number;
  heapMb: number;
  nodes: number;
  listeners: number;
  documents: number;
}

export async function samplePage(playerDir: string, simDay: number, realMin: number): Promise<PageSample | null> {
  const port = await readDevToolsPort(join(playerDir, 'chromium', 'main'));
  if (port === null) return null;
  const cdp = await openCdp(await pageWebSocketUrl(port));
  try {
    await cdp.send('HeapProfiler.collectGarbage', {}, 30_000);
    await cdp.send('Performance.enable', {}, 10_000);
    const reply = (await cdp.send('Performance.getMetrics', {}, 10_000)) as { metrics: { name: string; value: number }[] };
    const m = new Map(reply.metrics.map((x) => [x.name, x.value]));
    const origin = (await cdp.send('Runtime.evaluate', { expression: 'performance.timeOrigin', returnByValue: true }, 10_000)) as { result: { value?: number } };
    return { page: String(origin.result.value), simDay, realMin, heapMb: (m.get('JSHeapUsedSize') ?? NaN) / 1024 / 1024, nodes: m.get('Nodes') ?? NaN, listeners: m.get('JSEventListeners') ?? NaN, documents: m.get('Documents') ?? NaN };
  } finally {
    cdp.close();
  }
}

/** The page's load (performance.timeOrigin) once it has loaded, or null when no page answers. */
export async function pageLoad(playerDir: string): Promise<string | null> {
  const port = await readDevToolsPort(join(playerDir, 'chromium', 'main'));
  if (port === null) return null;
  const cdp = await openCdp(await pageWebSocketUrl(port), 2_000);
  try {
    const expression = `document.readyState === 'complete' ? String(performance.timeOrigin) : null`;
    const reply = (await cdp.send('Runtime.evaluate', { expression, returnByValue: true }, 2_000)) as { result: { value?: string | null } };
    return reply.result.value ?? null;
  } finally {
    cdp.close();
  }
}

/**
 * Resolves when a page load other than `before` answers (the shell has
 * reloaded the page, or Chromium or the core were started again), or after
 * `limitMs`. Polled: DevTools gives no event across a process that died.
 */
export async function nextPageLoad(playerDir: string, before: string | null, limitMs = 120_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    const now = await pageLoad(playerDir).catch(() => null);
    if (now !== null && now !== before) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A play the page started, as its ledger keeps it: the item and the (simulated) start time say where to look when it is lost. */
export interface LedgerEntry {
  playId: string;
  itemId: string;
  at: string;
}

/** The page's ledger of started plays (IndexedDB, written with each start event), read over DevTools. */
export async function readLedger(playerDir: string): Promise<LedgerEntry[]> {
  const port = await readDevToolsPort(join(playerDir, 'chromium', 'main'));
  if (port === null) throw new Error('the kiosk Chromium has no DevTools port');
  const cdp = await openCdp(await pageWebSocketUrl(port));
  try {
    const expression = `new Promise((resolve, reject) => {
      const open = indexedDB.open('pano-events:main');
      open.onupgradeneeded = () => open.transaction.abort();
      open.onerror = () => reject(new Error('no ledger'));
      open.onsuccess = () => {
        const all = open.result.transaction('ledger').objectStore('ledger').getAll();
        all.onsuccess = () => resolve(all.result.map((e) => ({ playId: e.playId, itemId: e.itemId, at: e.at })));
      };
    })`;
    const reply = (await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, 30_000)) as { result: { value?: LedgerEntry[] }; exceptionDetails?: unknown };
    if (!Array.isArray(reply.result.value)) throw new Error(`reading the ledger failed: ${JSON.stringify(reply.exceptionDetails).slice(0, 300)}`);
    return reply.result.value;
  } finally {
    cdp.close();
  }
}

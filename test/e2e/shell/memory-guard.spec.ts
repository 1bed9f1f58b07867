import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { startChromiumShell, type ChromiumShell } from '../../../core/chromium/index.ts';
import { readTreeMemory } from '../../../core/chromium/proc-memory.ts';
import type { ShellPorts } from '../../../core/ports.ts';
import { fixedOffsetClock } from '../../../core/util/clock.ts';
import type { Heartbeat, PlayRecord } from '../../../playlists/schemas/reports.ts';
import { startOrigin, type Origin } from '../../fixtures/core-origin.ts';
import { next, publisher, startPlayer, type Started } from '../../fixtures/core-harness.ts';
import { playlistJson, signPlaylist } from '../../fixtures/core-signing.ts';
import { startXvfb, type VirtualScreen } from './xvfb.ts';

// The renderer memory guard end to end: Xvfb, the real core, the real renderer
// in Debian's Chromium, a limit 20 MB above the baseline and a page made to
// hold 150 MB more. The fresh start must wait for closing time (or, on a
// screen open 24 h, come right after an item ends), bring the renderer back
// to its baseline, and lose no play: every play in the page's own ledger
// (IndexedDB) is a record in the core, once.
const MB = 1024 * 1024;
const HOG_MB = 150;
const VN = 7 * 3_600_000;

function solid(rgb: [number, number, number]): Buffer {
  const png = new PNG({ width: 64, height: 36 });
  for (let i = 0; i < 64 * 36; i++) png.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(png);
}

/** Two 5 s images in a loop; `operatingHours` as the signed schedule's. */
function publishLoop(origin: Origin, operatingHours?: { start: string; end: string }[]): void {
  const assets = { red: { bytes: solid([200, 30, 30]) }, blue: { bytes: solid([30, 30, 200]) } };
  const value = playlistJson({ version: 1, assets }) as { schedule: Record<string, unknown> };
  if (operatingHours) value.schedule.operatingHours = operatingHours;
  origin.put('/c/playlist.json', signPlaylist(value, publisher), { type: 'application/json' });
  for (const [id, a] of Object.entries(assets)) origin.put(`/c/media/${id}`, a.bytes);
}

let screen: VirtualScreen;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  screen = await startXvfb(1280, 720);
});
test.afterAll(async () => screen?.stop());

interface Rig {
  origin: Origin;
  player: Started;
  shell: ChromiumShell;
  records: PlayRecord[];
  stop(): Promise<void>;
}

/** A core (its clock `offsetMs` ahead) and the Chromium shell on the virtual screen, the guard checking every second. */
async function rig(offsetMs: number, operatingHours?: { start: string; end: string }[]): Promise<Rig> {
  const clock = fixedOffsetClock(offsetMs);
  const origin = await startOrigin();
  // The origin's Date header agrees with the core's clock: no skew correction undoes the offset.
  origin.date = () => new Date(clock.now());
  publishLoop(origin, operatingHours);
  let shell: ChromiumShell | null = null;
  const ports: ShellPorts = {
    kind: 'chromium',
    screenshot: (d) => shell!.screenshot(d),
    reload: () => shell!.reload(),
    restart: () => shell!.restart(),
    displays: () => shell!.displays(),
    recoveries: () => shell?.recoveries() ?? { renderer: 0, gpu: 0, unresponsive: 0 },
    browserPids: () => shell?.browserPids?.() ?? [],
    freshStart: async (d) => shell?.freshStart?.(d),
  };
  const rendererGuard = { checkEveryMs: 1_000, baselineAfterMs: 20_000, growthMb: 20, minClosedMs: 60_000, itemEndWaitMs: 60_000 };
  const player = await startPlayer(origin, { rendererGuard }, { clock, ports });
  const records: PlayRecord[] = [];
  player.core.on('recorded', (r) => records.push(r));
  await next(player.core, 'adopted');
  shell = await startChromiumShell({
    urls: [player.core.localUrl('main')],
    roles: ['main'],
    dataDir: player.dataDir,
    env: { ...process.env, DISPLAY: screen.display },
    log: () => undefined,
  });
  await shell.ready();
  const started = shell;
  return {
    origin,
    player,
    shell: started,
    records,
    async stop() {
      await started.stop();
      await player.cleanup();
      await origin.close();
    },
  };
}

async function guardReport(r: Rig): Promise<Heartbeat> {
  const beat = next(r.player.core, 'heartbeat');
  await r.player.core.heartbeatNow();
  return beat;
}

/** Waits for the run's baseline, then makes the page hold HOG_MB more (a leak, fast). */
async function leak(r: Rig): Promise<number> {
  let baseline = 0;
  await expect.poll(async () => (baseline = (await guardReport(r)).rendererMemory?.[0]?.baselineMb ?? 0), { timeout: 45_000 }).toBeGreaterThan(0);
  const session = await r.shell.session();
  await session.send('Runtime.evaluate', { expression: `globalThis.hog = Array.from({ length: ${HOG_MB} }, () => new Uint8Array(${MB}).fill(7)).length` });
  return baseline;
}

interface PageLedger {
  /** Every play the page started (its ledger). */
  started: string[];
  /** Plays playing now, not ended yet (the core records a play at its end): id and start. */
  open: { playId: string; at: string }[];
}

/** The page's own records (IndexedDB), read from the page now showing; why not, while it is still loading. */
async function pageLedger(r: Rig): Promise<PageLedger | string> {
  const session = await r.shell.session();
  const reply = (await session.send('Runtime.evaluate', {
    expression: `new Promise((ok) => {
      const no = (e) => ok(String(e?.target?.error ?? e) + ' at ' + location.href);
      try {
        const o = indexedDB.open('pano-events:main');
        o.onerror = no;
        o.onsuccess = () => {
          const t = o.result.transaction(['ledger', 'open']);
          const started = t.objectStore('ledger').getAll();
          const open = t.objectStore('open').getAll();
          t.oncomplete = () => ok({ started: started.result.map((e) => e.playId), open: open.result.map((e) => ({ playId: e.start.playId, at: e.start.at })) });
          t.onerror = no;
        };
      } catch (e) { no(e); }
    })`,
    awaitPromise: true,
    returnByValue: true,
  })) as { result: { value?: PageLedger | string } };
  return reply.result.value ?? 'no answer';
}

/**
 * Every play the page started is recorded by the core exactly once (the page
 * hands over what it held; the next page ends what was open), but for the
 * one playing now, which must have started after the restart at `cutAt`.
 */
async function noPlayLost(r: Rig, cutAt: number): Promise<string[]> {
  let ids: string[] = [];
  await expect
    .poll(async () => {
      const read = await pageLedger(r);
      if (typeof read === 'string') return read;
      ids = read.started;
      const recorded = new Set(r.records.map((x) => x.id));
      const playing = new Set(read.open.filter((p) => Date.parse(p.at) > cutAt).map((p) => p.playId));
      return ids.filter((id) => !recorded.has(id) && !playing.has(id));
    }, { timeout: 30_000 })
    .toEqual([]);
  expect(new Set(r.records.map((x) => x.id)).size).toBe(r.records.length);
  return ids;
}

/** The new renderer once it has settled within 50 MB of the old run's baseline (a fresh page starts a little larger); its size then. */
async function backNear(shell: ChromiumShell, baseline: number): Promise<number> {
  let mb = 0;
  await expect
    .poll(async () => (mb = Math.round(((await readTreeMemory(shell.pids()[0]!))?.rendererBytes ?? 0) / MB)), { timeout: 30_000 })
    .toBeLessThan(baseline + 50);
  return mb;
}

test('a leak while open waits for closing time; the fresh start brings the renderer back and loses no play', async () => {
  test.setTimeout(180_000);
  // The core's clock (and with it the page's) says 21:58:30 in Hồ Chí Minh City; the screen closes at 22:00.
  const now = Date.now();
  const dayStart = Math.floor((now + VN) / 86_400_000) * 86_400_000 - VN;
  const closesAt = dayStart + 22 * 3_600_000;
  const r = await rig(closesAt - 90_000 - now, [{ start: '06:00', end: '22:00' }]);
  try {
    const clock = () => Date.now() + (closesAt - 90_000 - now);
    const firstPid = r.shell.pids()[0];
    const maintenance = next(r.player.core, 'maintenance');
    const baseline = await leak(r);
    let before = 0;
    // Over the limit: the guard says the fresh start waits for closing time, while the screen is still open.
    await expect
      .poll(async () => {
        const seen = (await guardReport(r)).rendererMemory?.[0];
        before = seen?.rendererMb ?? 0;
        return seen?.restartWaits;
      }, { timeout: 15_000 })
      .toBe('closed');
    expect(clock()).toBeLessThan(closesAt);
    const restarted = await maintenance;
    // Not a moment before closing time, by the core's clock (which the page's schedule follows too).
    expect(Date.parse(restarted.at)).toBeGreaterThanOrEqual(closesAt);
    expect(restarted.reason).toBe('memory');
    await expect.poll(() => r.shell.pids()[0] !== undefined && r.shell.pids()[0] !== firstPid, { timeout: 15_000 }).toBe(true);
    await r.shell.ready();
    const ids = await noPlayLost(r, Date.parse(restarted.at));
    const after = await backNear(r.shell, baseline);
    console.log(`memory guard (closed hours): renderer baseline ${baseline} MB, before the fresh start ${before} MB, after ${after} MB; restart at ${restarted.at}; ${ids.length} plays, all recorded`);
    // Not compared with `before`: the guard trips at baseline + 20 MB, often before all of the hog is resident
    // (CI once read 209.9 MB at the trip, baseline 157.2); backNear above is the proof (< baseline + 50 MB, the hog is 150).
    expect(ids.length).toBeGreaterThanOrEqual(4);
    expect((await guardReport(r)).maintenance).toEqual(restarted);
  } finally {
    await r.stop();
  }
});

test('a screen open 24 h starts afresh right after an item ends; the play cut is recorded as interrupted', async () => {
  test.setTimeout(120_000);
  const r = await rig(0);
  try {
    const firstPid = r.shell.pids()[0];
    const maintenance = next(r.player.core, 'maintenance');
    const baseline = await leak(r);
    const restarted = await maintenance;
    const cutAt = Date.parse(restarted.at);
    // The last play before the restart ended (completed) just before it: within the time its record takes to reach the disk, well inside the next 5 s item.
    const ended = r.records.filter((x) => Date.parse(x.endedAt) <= cutAt && x.outcome === 'completed').at(-1)!;
    expect(cutAt - Date.parse(ended.endedAt)).toBeLessThan(3_000);
    await expect.poll(() => r.shell.pids()[0] !== undefined && r.shell.pids()[0] !== firstPid, { timeout: 15_000 }).toBe(true);
    await r.shell.ready();
    const ids = await noPlayLost(r, cutAt);
    const cut = r.records.filter((x) => x.reason === 'renderer restarted');
    expect(cut).toHaveLength(1);
    expect(cut[0]!.outcome).toBe('interrupted');
    const after = await backNear(r.shell, baseline);
    console.log(`memory guard (24 h screen): renderer baseline ${baseline} MB, after the fresh start ${after} MB; restart ${cutAt - Date.parse(ended.endedAt)} ms after an item ended; ${ids.length} plays, all recorded, 1 interrupted`);
  } finally {
    await r.stop();
  }
});

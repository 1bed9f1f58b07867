/**
 * Start-up as a screen does it after a power cut (docs/benchmarks.md, "Start-up"):
 * spawn `pano player --shell chromium` on a warm data folder with the hub off
 * the network, under Xvfb, and time it to the first presented frame of the
 * first item. Baseline, in the same run and on the same screen: Chromium with
 * the very same kiosk flags opening a static page with one `<video autoplay>`
 * of the same file. Runs alternate between the two, so load hits both alike.
 * Two warm caches: the clip alone, and the clip plus 512 MB of other files
 * (what a screen holds; a restart must not hash them all again before it plays).
 *
 *   npm run bench -- startup [--quick]
 *
 * Both pages set the User Timing mark `pano:first-frame` (the player when its
 * engine raises the first item, which it does on the video's first presented
 * frame; the static page in its requestVideoFrameCallback), read afterwards
 * over DevTools as wall-clock time: no test driver touches the page before it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../../core/chromium/choose.ts';
import { openCdp, pageWebSocketUrl, readDevToolsPort } from '../../core/chromium/devtools.ts';
import { kioskFlags } from '../../core/chromium/flags.ts';
import { FIRST_FRAME_MARK } from '../../renderer/playback/zone-engine.ts';
import { startPlayer } from '../e2e/renderer/player.ts';
import { assets, always, LAYOUTS } from '../e2e/renderer/playlists.ts';
import { startXvfb } from '../e2e/shell/xvfb.ts';
import { ensureMediaFixtures, type MediaFixtures } from '../fixtures/make-media.ts';
import { median, type BenchResult } from './harness.ts';
import { spawnPlayer } from './player-process.ts';

const AREA = 'start-up';
const WIDTH = 1280;
const HEIGHT = 720;
const TIMEOUT_MS = 20_000;

/** Resolves with the wall-clock time of the page's first-frame mark (waits for DevTools, the page, and the mark). */
async function firstFrameAt(userDataDir: string, deadline: number): Promise<number> {
  const expression = `new Promise((resolve) => {
    const at = (m) => performance.timeOrigin + m.startTime;
    const seen = performance.getEntriesByName(${JSON.stringify(FIRST_FRAME_MARK)}, 'mark')[0];
    if (seen) return resolve(at(seen));
    new PerformanceObserver((list, observer) => {
      const m = list.getEntriesByName(${JSON.stringify(FIRST_FRAME_MARK)})[0];
      if (m) (observer.disconnect(), resolve(at(m)));
    }).observe({ type: 'mark' });
  })`;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const port = await readDevToolsPort(userDataDir);
      if (port !== null) {
        const cdp = await openCdp(await pageWebSocketUrl(port));
        try {
          const reply = (await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, deadline - Date.now())) as { result?: { value?: unknown } };
          if (typeof reply.result?.value === 'number') return reply.result.value;
          last = new Error(`unexpected reply ${JSON.stringify(reply).slice(0, 200)}`);
        } finally {
          cdp.close();
        }
      }
    } catch (error) {
      // Not up yet, or the evaluation ran in a document that was replaced (redirect, reload): ask again.
      last = error;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no ${FIRST_FRAME_MARK} mark within ${TIMEOUT_MS} ms (${String(last)})`);
}

function killTree(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
  return exited;
}

/** The static page the baseline opens: one autoplaying video, the mark on its first presented frame. */
async function staticVideoPage(mediaFile: string) {
  const html = `<!doctype html><body style="margin:0;background:#000"><video id="v" src="/clip.mp4" autoplay muted style="width:100vw;height:100vh"></video>
<script>v.requestVideoFrameCallback(() => performance.mark(${JSON.stringify(FIRST_FRAME_MARK)}));</script>`;
  const clip = await readFile(mediaFile);
  const server = http.createServer((req, res) => {
    if (req.url === '/clip.mp4') return res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': clip.length }).end(clip);
    res.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Other cached content beside the clip that plays first: none, and a realistic half gigabyte. */
const SCENARIOS = [
  { label: 'one clip cached', extraMb: 0 },
  { label: 'plus 512 MB of other cached files', extraMb: 512 },
];

/** A warm data folder: the playlist (the clip first, plus `extraMb` of other files) adopted, then the hub gone. */
async function warmPlayer(media: MediaFixtures, extraMb: number) {
  const extra: Record<string, Record<string, unknown>> = {};
  const extraFile = join(media.dir, 'bench-extra.bin');
  if (extraMb > 0) {
    const bytes = randomBytes(extraMb * 1024 * 1024);
    await writeFile(extraFile, bytes);
    extra.extra = { type: 'video/mp4', sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, urls: ['media/bench-extra.bin'] };
  }
  try {
    const player = await startPlayer({
      playlist: { assets: { ...assets(media), ...extra }, layouts: LAYOUTS, items: { film: { kind: 'video', asset: 'clip-a' } }, sequences: { loop: { items: ['film'] } }, schedule: always('loop') },
    });
    await player.core.stop();
    await player.stopHub();
    return player;
  } finally {
    await rm(extraFile, { force: true });
  }
}

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const runs = quick ? 3 : 9;
  const chromium = findChromium(process.env);
  if (!chromium) throw new Error('no Chromium: apt-get install chromium');
  const media = await ensureMediaFixtures();
  const screen = await startXvfb(WIDTH, HEIGHT);
  const env = { ...process.env, DISPLAY: screen.display };
  const page = await staticVideoPage(join(media.dir, 'clip-a.mp4'));
  const baselineProfile = await mkdtemp(join(tmpdir(), 'pano-bench-startup-'));

  const timeBaseline = async (): Promise<number> => {
    await rm(join(baselineProfile, 'DevToolsActivePort'), { force: true });
    const args = kioskFlags({ url: page.url, userDataDir: baselineProfile, rect: { x: 0, y: 0, width: WIDTH, height: HEIGHT }, runningAsRoot: process.getuid?.() === 0 });
    const t0 = Date.now();
    const child = spawn(chromium, args, { env, stdio: 'ignore', detached: true });
    try {
      return (await firstFrameAt(baselineProfile, t0 + TIMEOUT_MS)) - t0;
    } finally {
      await killTree(child);
    }
  };

  const results: BenchResult[] = [];
  try {
    // The first start of a profile creates it; a screen's profile has existed since its first boot.
    await timeBaseline();
    for (const { label, extraMb } of SCENARIOS) {
      const player = await warmPlayer(media, extraMb);
      const playerProfile = join(player.config.dataDir, 'chromium', 'main');
      const timePlayer = async (): Promise<number> => {
        const t0 = Date.now();
        const proc = await spawnPlayer(player.config, { shell: 'chromium', env });
        try {
          return (await firstFrameAt(playerProfile, t0 + TIMEOUT_MS)) - t0;
        } finally {
          await proc.stop();
        }
      };
      const playerTimes: number[] = [];
      const baselineTimes: number[] = [];
      try {
        await timePlayer();
        for (let i = 0; i < runs; i++) {
          playerTimes.push(await timePlayer());
          baselineTimes.push(await timeBaseline());
        }
      } finally {
        await player.stop();
      }
      const m = median(playerTimes);
      console.log(`  ${label}: player runs (ms) ${playerTimes.map(Math.round).join(' ')}; baseline runs ${baselineTimes.map(Math.round).join(' ')}`);
      results.push(
        {
          area: AREA,
          name: `spawn \`pano player --shell chromium\` → first presented frame, warm cache (${label}), hub off the network, median of ${runs}`,
          value: m,
          unit: 'ms',
          baseline: { name: 'the same kiosk Chromium opening a static <video> page', value: median(baselineTimes) },
          target: '≤ 1500 ms',
          pass: m <= 1_500,
        },
        { area: AREA, name: `the player's own share (${label}; median of per-run differences)`, value: median(playerTimes.map((t, i) => t - baselineTimes[i]!)), unit: 'ms' },
      );
    }
  } finally {
    await page.stop();
    await screen.stop();
    await rm(baselineProfile, { recursive: true, force: true });
  }
  return results;
}

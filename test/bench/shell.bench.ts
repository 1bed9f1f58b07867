/**
 * The Chromium shell: how long a screen is dark after Chromium is killed
 * (baseline: a cold start of the shell, same machine, same run), and how long
 * a DevTools screenshot takes (baseline: one frame grabbed from X by ffmpeg).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChromiumShell, type ChromiumShell } from '../../core/chromium/index.ts';
import { decodePng, near } from '../e2e/shell/pixels.ts';
import { startXvfb } from '../e2e/shell/xvfb.ts';
import { median, type BenchResult } from './harness.ts';

const COLOUR = [0x17, 0xbe, 0xbb];
const PAGE = '<!doctype html><style>html,body{margin:0;height:100%;background:#17bebb}</style>';

/** Milliseconds until the page colour covers the screen centre (screenshots as fast as they come). */
async function untilPainted(shell: ChromiumShell, since: number): Promise<number> {
  for (;;) {
    try {
      await shell.ready();
      const shot = decodePng(await shell.screenshot());
      if (near(shot.at(shot.width >> 1, shot.height >> 1), COLOUR)) return performance.now() - since;
    } catch {
      // between processes: DevTools gone until the restart answers
    }
  }
}

function grab(display: string): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile('ffmpeg', ['-loglevel', 'error', '-f', 'x11grab', '-video_size', '640x360', '-i', display, '-frames:v', '1', '-c:v', 'png', '-f', 'image2pipe', 'pipe:1'], { encoding: 'buffer', maxBuffer: 1 << 26 }, (e) => (e ? reject(e) : resolve())),
  );
}

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const screen = await startXvfb(640, 360);
  const server = createServer((_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const dataDir = await mkdtemp(join(tmpdir(), 'pano-shell-bench-'));
  const env = { ...process.env, DISPLAY: screen.display };
  const start = () => startChromiumShell({ urls: [url], dataDir, env, log: () => undefined, backoff: { initialMs: 200, maxMs: 2_000, factor: 2, resetAfterMs: 1 } });
  try {
    const cold: number[] = [];
    for (let i = 0; i < (quick ? 2 : 4); i++) {
      const t = performance.now();
      const shell = await start();
      cold.push(await untilPainted(shell, t));
      await shell.stop();
    }
    const shell = await start();
    await untilPainted(shell, performance.now());
    const back: number[] = [];
    for (let i = 0; i < (quick ? 3 : 7); i++) {
      const t = performance.now();
      process.kill(shell.pids()[0]!, 'SIGKILL');
      back.push(await untilPainted(shell, t));
    }
    const shots: number[] = [];
    const grabs: number[] = [];
    for (let i = 0; i < (quick ? 5 : 15); i++) {
      let t = performance.now();
      await shell.screenshot();
      shots.push(performance.now() - t);
      t = performance.now();
      await grab(screen.display);
      grabs.push(performance.now() - t);
    }
    await shell.stop();
    const backMs = median(back);
    return [
      {
        area: 'shell',
        name: 'kill -9 → player painted again (median)',
        value: backMs,
        unit: 'ms',
        baseline: { name: 'cold start of the Chromium shell → painted (median)', value: median(cold) },
        target: '≤ 5000 ms',
        pass: backMs <= 5_000,
      },
      {
        area: 'shell',
        name: 'screenshot over DevTools, 640×360 (median)',
        value: median(shots),
        unit: 'ms',
        baseline: { name: 'ffmpeg x11grab of one frame (median)', value: median(grabs) },
      },
    ];
  } finally {
    await screen.stop();
    await new Promise((r) => server.close(r));
    await rm(dataDir, { recursive: true, force: true });
  }
}

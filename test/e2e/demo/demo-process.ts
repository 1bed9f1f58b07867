import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDemoMedia } from '../../../cli/demo/media.ts';

/** `npm start` as a child process in its own process group, with its output collected. */
export const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Demo media made once per checkout (git-ignored), so tests that are not about the first start do not wait for ffmpeg. */
const MEDIA_CACHE = join(ROOT, 'test', 'fixtures', 'demo-media');

/** A fresh demo data folder whose media are already made: `npm start` finds them and skips ffmpeg. */
export async function demoDataWithMedia(prefix: string): Promise<string> {
  await ensureDemoMedia(MEDIA_CACHE);
  await writeFile(join(MEDIA_CACHE, '.gitignore'), '*\n');
  const data = await mkdtemp(join(tmpdir(), prefix));
  await cp(MEDIA_CACHE, join(data, 'media'), { recursive: true });
  return data;
}

export interface Demo {
  proc: ChildProcess;
  output(): string;
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /**
   * SIGINT to the demo itself (what its Ctrl+C handler stops on); resolves with npm's exit
   * status, which is the demo's. (Ctrl+C in a terminal also hits npm, which then reports the
   * signal rather than the demo's status, so that would hide a failing exit.)
   */
  stop(): Promise<number | null>;
}

export function startDemo(data: string, display: string | undefined, args: string[]): Demo {
  let output = '';
  // No display: as on a server or a container without X (the demo must say so and carry on headless).
  const env = { ...process.env };
  if (display) env.DISPLAY = display;
  else delete env.DISPLAY;
  const proc = spawn('npm', ['start', '--', '--data', data, '--port', '0', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so Ctrl+C can reach npm and the demo together.
    detached: true,
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return {
    proc,
    output: () => output,
    waitForLine: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) resolve(match);
          return match !== null;
        };
        if (check()) return;
        const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${output}`)), timeoutMs);
        proc.stdout?.on('data', () => check() && clearTimeout(timer));
        proc.stderr?.on('data', () => check() && clearTimeout(timer));
        void exited.then(() => check() || reject(new Error(`npm start exited early; output:\n${output}`)));
      }),
    stop: async () => {
      // Node running cli/start.ts, not the `sh -c` npm started it through.
      const [pid] = processesOf(data, (cmdline) => cmdline.includes(join('cli', 'start.ts')) && !/^(\S*\/)?sh -c/.test(cmdline));
      if (!pid) throw new Error(`the demo process is not running; output:\n${output}`);
      process.kill(pid, 'SIGINT');
      return exited;
    },
  };
}

/** Pids of processes whose command line mentions `folder` and passes `match`. */
export function processesOf(folder: string, match: (cmdline: string) => boolean): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue; // gone meanwhile
    }
    if (cmdline.includes(folder) && match(cmdline)) found.push(Number(pid));
  }
  return found;
}

/**
 * Chromium processes of the demo: they run with a --user-data-dir inside its data folder.
 * `browsers` keeps only each window's browser process (its renderer, GPU and zygote helpers carry --type=).
 */
export function chromiumsOf(folder: string, which: 'browsers' | 'all'): string[] {
  const profiles = join(folder, 'player', 'chromium');
  return processesOf(profiles, (cmdline) => cmdline.includes(`--user-data-dir=${profiles}`) && (which === 'all' || !cmdline.includes('--type=')))
    .map((pid) => /--user-data-dir=(\S+)/.exec(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '))?.[1] ?? `pid ${pid}`);
}


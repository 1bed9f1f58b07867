/**
 * The soak's processes, each a real `pano` command: the hub (PostgreSQL) and
 * the player (`pano player --shell chromium`, which launches Chromium). The
 * player runs under a small supervisor that behaves like its systemd unit
 * (build/linux/pano-player-chromium.service: Restart=always, and the whole
 * control group is killed when the main process dies).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const PANO = join(import.meta.dirname, '..', '..', 'cli', 'pano.js');
const NODE = process.execPath;

export interface Supervised {
  pid(): number | undefined;
  /** kill -9 of the main process; the supervisor cleans up and starts it again after `restartMs`. */
  kill(): void;
  /** Stop for good (SIGTERM, then the group). */
  stop(): Promise<void>;
  /** Starts seen (1 = never restarted). */
  starts(): number;
}

/**
 * Runs `pano <args>` in its own process group, restarting it `restartMs` after
 * it exits; lines of its stdout go to `onLine`.
 */
export function supervise(args: string[], env: NodeJS.ProcessEnv, opts: { restartMs: number; onLine?: (line: string) => void; log: (line: string) => void; held?: () => boolean }): Supervised {
  let child: ChildProcess | null = null;
  let stopping = false;
  let starts = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let exited: Promise<void> = Promise.resolve();
  const start = () => {
    timer = undefined;
    if (stopping) return;
    if (opts.held?.()) {
      timer = setTimeout(start, opts.restartMs);
      return;
    }
    starts++;
    const proc = spawn(NODE, ['--disable-warning=ExperimentalWarning', PANO, ...args], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    createInterface({ input: proc.stdout! }).on('line', (l) => opts.onLine?.(l));
    createInterface({ input: proc.stderr! }).on('line', (l) => opts.log(l));
    exited = new Promise<void>((resolve) =>
      proc.once('exit', (code, signal) => {
        child = null;
        // Like systemd's KillMode=control-group: what the main process started goes with it.
        try {
          process.kill(-proc.pid!, 'SIGKILL');
        } catch {
          // the group is already gone
        }
        if (!stopping) {
          opts.log(`exited (${signal ?? code}); restarting in ${opts.restartMs} ms`);
          timer = setTimeout(start, opts.restartMs);
        }
        resolve();
      }),
    );
  };
  start();
  return {
    pid: () => child?.pid,
    kill: () => child?.kill('SIGKILL'),
    starts: () => starts,
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      child?.kill('SIGTERM');
      const forced = setTimeout(() => child && process.kill(-child.pid!, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(forced);
    },
  };
}

interface Proc {
  pid: number;
  ppid: number;
  rssMb: number;
  cmd: string;
}

async function processes(): Promise<Proc[]> {
  const out: Proc[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const [stat, status, cmd] = await Promise.all([readFile(`/proc/${name}/stat`, 'utf8'), readFile(`/proc/${name}/status`, 'utf8'), readFile(`/proc/${name}/cmdline`, 'utf8')]);
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.push({ pid: Number(name), ppid, rssMb: Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024, cmd: cmd.replaceAll('\0', ' ') });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export type ProcessKind = 'core' | 'browser' | 'renderer' | 'gpu' | 'chromium-other' | 'hub';

/** RSS per kind of process below the player (and the hub), with the pids, so a restart starts a new series. */
export async function memoryByKind(playerPid: number | undefined, hubPid: number | undefined): Promise<Map<ProcessKind, { mb: number; pids: string }>> {
  const all = await processes();
  const out = new Map<ProcessKind, { mb: number; pids: string }>();
  const add = (kind: ProcessKind, p: Proc) => {
    const cur = out.get(kind) ?? { mb: 0, pids: '' };
    out.set(kind, { mb: cur.mb + p.rssMb, pids: `${cur.pids}${cur.pids ? ',' : ''}${p.pid}` });
  };
  const below = (root: number) => {
    const found: Proc[] = [];
    const queue = [root];
    while (queue.length) {
      const pid = queue.shift()!;
      for (const p of all) {
        if (p.ppid !== pid) continue;
        found.push(p);
        queue.push(p.pid);
      }
    }
    return found;
  };
  const hub = all.find((p) => p.pid === hubPid);
  if (hub) add('hub', hub);
  const core = all.find((p) => p.pid === playerPid);
  if (!core) return out;
  add('core', core);
  for (const p of below(core.pid)) {
    if (!/chrom/.test(p.cmd)) continue;
    const type = /--type=([\w-]+)/.exec(p.cmd)?.[1];
    add(type === undefined ? 'browser' : type === 'renderer' ? 'renderer' : type === 'gpu-process' ? 'gpu' : 'chromium-other', p);
  }
  return out;
}

/** Chromium processes of the player: the browser, and its renderers. */
export async function chromiumPids(playerPid: number | undefined): Promise<{ browser?: number; renderers: number[] }> {
  if (playerPid === undefined) return { renderers: [] };
  const all = await processes();
  const browser = all.find((p) => p.ppid === playerPid && /chrom/.test(p.cmd) && !/--type=/.test(p.cmd));
  const renderers: number[] = [];
  const queue = browser ? [browser.pid] : [];
  while (queue.length) {
    const pid = queue.shift()!;
    for (const p of all.filter((q) => q.ppid === pid)) {
      if (/--type=renderer/.test(p.cmd) && !/--extension-process/.test(p.cmd)) renderers.push(p.pid);
      queue.push(p.pid);
    }
  }
  return { ...(browser ? { browser: browser.pid } : {}), renderers };
}

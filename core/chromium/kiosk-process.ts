import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { watch } from 'node:fs';
import { join } from 'node:path';
import { createBackoff, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
import { captureScreenshot, hidePointerOnLoad, openCdp, pageWebSocketUrl, readDevToolsPort, type CdpSession } from './devtools.ts';
import { fillScreen } from './fill-screen.ts';
import { kioskFlags, type WindowRect } from './flags.ts';
import { writeKioskPreferences } from './profile.ts';

export interface ShellLog {
  info(message: string): void;
  warn(message: string): void;
}

export type RecoveryKind = 'renderer' | 'unresponsive';

export interface KioskProcessOptions {
  chromiumPath: string;
  url: string;
  /** This display's own profile: two kiosks sharing one would collapse into one process. */
  userDataDir: string;
  rect?: WindowRect;
  env: NodeJS.ProcessEnv;
  log: ShellLog;
  backoff?: BackoffOptions;
  /** How often the page must answer a trivial evaluation, and how long it may take. */
  pingEveryMs?: number;
  pingTimeoutMs?: number;
  onRecovery(kind: RecoveryKind): void;
  now?: () => number;
}

export interface KioskProcess {
  /** DevTools of the page in the current run (waits for a restart in progress). */
  session(): Promise<CdpSession>;
  pid(): number | undefined;
  screenshot(): Promise<Uint8Array>;
  reload(): Promise<void>;
  /** Stop and start again now (remote restart; not counted as a recovery). */
  relaunch(): Promise<void>;
  stop(): Promise<void>;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const STARTUP_TIMEOUT_MS = 30_000;

/** One Chromium kiosk window on one display, kept alive: restarted with backoff, reloaded after a renderer crash. */
export function startKioskProcess(options: KioskProcessOptions): KioskProcess {
  const now = options.now ?? Date.now;
  const backoff = createBackoff(options.backoff ?? DEFAULT_BACKOFF);
  const pingEveryMs = options.pingEveryMs ?? 15_000;
  const pingTimeoutMs = options.pingTimeoutMs ?? 10_000;
  let child: ChildProcess | null = null;
  let stopping = false;
  // Set when we kill Chromium ourselves (hang, remote restart): restart at once, count elsewhere.
  let killedOnPurpose = false;
  let ready = deferred<CdpSession>();
  let readySettled = false;
  // Waiters on an unsettled `ready` keep waiting for the next run; a settled one is replaced.
  const resetReady = (): void => {
    if (!readySettled) return;
    ready = deferred<CdpSession>();
    readySettled = false;
  };
  let restartTimer: NodeJS.Timeout | null = null;
  let pingTimer: NodeJS.Timeout | null = null;
  let session: CdpSession | null = null;
  let exited = deferred<void>();

  const launch = async (): Promise<void> => {
    restartTimer = null;
    if (stopping) return;
    await mkdir(options.userDataDir, { recursive: true });
    // A stale port file from the last run would point at nothing.
    await rm(join(options.userDataDir, 'DevToolsActivePort'), { force: true });
    // Every launch: Chromium rewrites the file, and a crash may have left it half done.
    await writeKioskPreferences(options.userDataDir);
    if (stopping) return; // stop() came while we prepared: start nothing it could not stop
    const runAsRoot = process.getuid?.() === 0;
    const args = kioskFlags({ url: options.url, userDataDir: options.userDataDir, rect: options.rect, runningAsRoot: runAsRoot });
    const startedAt = now();
    const proc = spawn(options.chromiumPath, args, { env: options.env, stdio: ['ignore', 'ignore', 'pipe'] });
    child = proc;
    exited = deferred<void>();
    let stderrTail = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2_000);
    });
    // Once per process: 'exit' normally, 'error' alone when it could not even start.
    let ended = false;
    const gone = new AbortController();
    const onEnd = (why: string): void => {
      if (ended) return;
      ended = true;
      gone.abort();
      child = null;
      stopPing();
      session?.close();
      session = null;
      exited.resolve();
      resetReady();
      if (stopping) return;
      if (killedOnPurpose) {
        killedOnPurpose = false;
        void launch();
        return;
      }
      options.onRecovery('renderer');
      const delay = backoff.next(startedAt, now());
      const lastLine = stderrTail.trim().split('\n').at(-1) ?? '';
      options.log.warn(`chromium for ${options.url} ${why}; restarting in ${delay} ms. ${lastLine}`.trim());
      restartTimer = setTimeout(() => void launch(), delay);
    };
    proc.on('error', (error) => onEnd(`could not start (${options.chromiumPath}: ${error.message})`));
    proc.on('exit', (code, signal) => onEnd(`exited (${signal ?? code})`));
    options.log.info(`chromium: started pid ${proc.pid} for ${options.url}`);
    try {
      const connected = await connect(proc, gone.signal);
      if (child !== proc) {
        connected.close();
        throw new Error('process exited during startup');
      }
      session = connected;
      if (!options.rect) {
        // No monitor layout from xrandr: make sure the window covers the screen anyway.
        await fillScreen(connected).then(
          (resized) => resized && options.log.info(`chromium: sized pid ${proc.pid}'s window to the screen (no window manager or xrandr)`),
          (error: Error) => options.log.warn(`chromium: could not size the window to the screen: ${error.message}`),
        );
      }
      watchSession(connected, proc);
      void hidePointerOnLoad(connected).catch((error: Error) => options.log.warn(`chromium: could not hide the pointer: ${error.message}`));
      ready.resolve(connected);
      readySettled = true;
    } catch (error) {
      if (child === proc && !stopping) {
        options.log.warn(`chromium: no DevTools from pid ${proc.pid}: ${(error as Error).message}; killing it`);
        proc.kill('SIGKILL');
      }
    }
  };

  const connect = async (proc: ChildProcess, gone: AbortSignal): Promise<CdpSession> => {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    const port = await waitForPortFile(options.userDataDir, deadline, gone);
    // The page target appears a moment after the port: ask until it is listed.
    for (;;) {
      if (child !== proc) throw new Error('process exited during startup');
      try {
        return await openCdp(await pageWebSocketUrl(port));
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  const watchSession = (session: CdpSession, proc: ChildProcess): void => {
    session.onEvent((method) => {
      if (method !== 'Inspector.targetCrashed') return;
      options.onRecovery('renderer');
      options.log.warn('chromium: the page crashed; reloading');
      session.send('Page.reload', { ignoreCache: false }).catch(() => proc.kill('SIGKILL'));
    });
    session.send('Inspector.enable').catch(() => undefined);
    pingTimer = setInterval(() => {
      session.send('Runtime.evaluate', { expression: '1' }, pingTimeoutMs).catch((error: Error) => {
        if (!/timed out/.test(error.message) || child !== proc) return;
        options.onRecovery('unresponsive');
        options.log.warn('chromium: the page stopped answering; restarting Chromium');
        killedOnPurpose = true;
        resetReady();
        proc.kill('SIGKILL');
      });
    }, pingEveryMs);
    pingTimer.unref();
  };

  const stopPing = (): void => {
    if (pingTimer) clearInterval(pingTimer);
    pingTimer = null;
  };

  void launch();

  return {
    session: () => ready.promise,
    pid: () => child?.pid,
    async screenshot() {
      return captureScreenshot(await ready.promise);
    },
    async reload() {
      await (await ready.promise).send('Page.reload', { ignoreCache: true });
    },
    async relaunch() {
      const proc = child;
      if (!proc) return;
      killedOnPurpose = true;
      resetReady();
      proc.kill('SIGTERM');
      await exited.promise;
    },
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      stopPing();
      const proc = child;
      if (!proc) return;
      proc.kill('SIGTERM');
      const forced = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited.promise;
      clearTimeout(forced);
    },
  };
}

/** Waits for Chromium to write DevToolsActivePort (inotify on the profile folder, no polling); `gone` aborts. */
function waitForPortFile(userDataDir: string, deadline: number, gone: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, port?: number): void => {
      if (settled) return;
      settled = true;
      watcher.close();
      clearTimeout(timer);
      gone.removeEventListener('abort', onGone);
      if (error) reject(error);
      else resolve(port!);
    };
    const onGone = (): void => finish(new Error('process exited during startup'));
    const check = (): void => {
      void readDevToolsPort(userDataDir).then((port) => port && finish(null, port));
    };
    const watcher = watch(userDataDir, check);
    const timer = setTimeout(() => finish(new Error('DevToolsActivePort never appeared')), Math.max(0, deadline - Date.now()));
    if (gone.aborted) return onGone();
    gone.addEventListener('abort', onGone);
    check();
  });
}

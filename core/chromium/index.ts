import { join } from 'node:path';
import { z } from 'zod';
import type { DisplayInfo, RecoveryCounts, ShellPorts } from '../ports.ts';
import { parseJsonText, parseUnknown } from '../../playlists/parse.ts';
import type { BackoffOptions } from './backoff.ts';
import { findChromium } from './choose.ts';
import type { CdpSession } from './devtools.ts';
import type { WindowRect } from './flags.ts';
import { startKioskProcess, type KioskProcess, type ShellLog } from './kiosk-process.ts';
import { listMonitors } from './monitors.ts';
import { grabDisplays } from './x11-grab.ts';

export { chooseShell, displayProblem, findChromium, findElectron, type ShellChoice, type ShellRequest } from './choose.ts';
export type { ShellLog } from './kiosk-process.ts';
export type { CdpSession } from './devtools.ts';

export interface ChromiumShellOptions {
  /** One player URL per display, in display order. */
  urls: string[];
  /** Display roles parallel to `urls` (default main, display-2, …). */
  roles?: string[];
  /** Profiles go to <dataDir>/chromium/<role>. */
  dataDir: string;
  log: ShellLog | ((line: string) => void);
  chromiumPath?: string;
  env?: NodeJS.ProcessEnv;
  backoff?: BackoffOptions;
  /** The monitors, when the caller asked X11 already (xrandr takes ~0.1 s, worth doing while something else loads); default: ask now. */
  monitors?: Promise<WindowRect[]>;
  /** How often each page must answer DevTools, and how long it may take before Chromium is restarted. */
  watchdog?: { pingEveryMs: number; pingTimeoutMs: number };
}

export type ChromiumShell = ShellPorts & {
  stop(): Promise<void>;
  /** Resolves when every display's page answers DevTools. */
  ready(): Promise<void>;
  /** Current Chromium process ids, per display (undefined while restarting). */
  pids(): Array<number | undefined>;
  /** DevTools of a display's page (first display when omitted). */
  session(display?: string): Promise<CdpSession>;
};

const ScreenSize = z.looseObject({ result: z.looseObject({ value: z.string() }) });
const Size = z.tuple([z.number(), z.number()]);

/** The Chromium shell: one kiosk Chromium per display, kept alive, driven over DevTools. */
export async function startChromiumShell(options: ChromiumShellOptions): Promise<ChromiumShell> {
  if (options.urls.length === 0) throw new Error('startChromiumShell: no display URL given');
  const log: ShellLog =
    typeof options.log === 'function'
      ? { info: options.log, warn: options.log }
      : options.log;
  const env = options.env ?? process.env;
  const chromiumPath = options.chromiumPath ?? findChromium(env);
  if (!chromiumPath) throw new Error('No Chromium found. Install it (Debian/Ubuntu: apt install chromium) or set PANO_CHROMIUM=/path/to/chromium.');
  const roles = options.urls.map((_, i) => options.roles?.[i] ?? (i === 0 ? 'main' : `display-${i + 1}`));
  // Place and size each window on its own monitor where X11 tells us the layout
  // (without a window manager, e.g. plain xinit or Xvfb, --kiosk alone cannot go fullscreen).
  const monitors = await (options.monitors ?? listMonitors(env));
  if (monitors.length > 0 && monitors.length < options.urls.length) {
    log.warn(`chromium: ${options.urls.length} displays configured but only ${monitors.length} monitor(s) found; the extra windows overlap the first`);
  }
  const counts: RecoveryCounts = { renderer: 0, gpu: 0, unresponsive: 0 };

  const kiosks: KioskProcess[] = options.urls.map((url, i) =>
    startKioskProcess({
      chromiumPath,
      url,
      userDataDir: join(options.dataDir, 'chromium', roles[i]!),
      rect: monitors[i],
      env,
      log,
      backoff: options.backoff,
      pingEveryMs: options.watchdog?.pingEveryMs,
      pingTimeoutMs: options.watchdog?.pingTimeoutMs,
      onRecovery: (kind) => (counts[kind] += 1),
    }),
  );

  const indexOf = (display?: string): number => {
    const index = display === undefined ? 0 : roles.indexOf(display);
    if (!kiosks[index]) throw new Error(`no display "${display}" (displays: ${roles.join(', ')})`);
    return index;
  };
  const kioskFor = (display?: string): KioskProcess => kiosks[indexOf(display)]!;

  const screenSize = async (kiosk: KioskProcess): Promise<[number, number]> => {
    const session = await kiosk.session();
    const reply = parseUnknown(
      ScreenSize,
      await session.send('Runtime.evaluate', { expression: 'JSON.stringify([screen.width, screen.height])', returnByValue: true }),
      'screen size',
    );
    return parseUnknown(Size, parseJsonText(reply.result.value, 'screen size'), 'screen size');
  };

  /** Where a display's window is on the X screen: its monitor, or (no xrandr) the whole screen its window fills. */
  const rectOf = async (index: number): Promise<WindowRect> => {
    const monitor = monitors[index];
    if (monitor) return monitor;
    const [width, height] = await screenSize(kiosks[index]!);
    return { x: 0, y: 0, width, height };
  };

  let grabWarned = false;
  return {
    kind: 'chromium',
    // What X shows (the real glass), every display or one, each under its name; the page's own render only where X cannot be grabbed.
    async screenshot(display) {
      const indexes = display === undefined ? roles.map((_, i) => i) : [indexOf(display)];
      try {
        const rects = await Promise.all(indexes.map(async (i) => ({ name: roles[i]!, rect: await rectOf(i) })));
        return await grabDisplays(env, rects);
      } catch (error) {
        if (!grabWarned) log.warn(`chromium: screenshots show the page's render, not the glass: ${(error as Error).message}`);
        grabWarned = true;
        return kioskFor(display).screenshot();
      }
    },
    reload: async () => void (await Promise.all(kiosks.map((k) => k.reload()))),
    restart: async () => void (await Promise.all(kiosks.map((k) => k.relaunch()))),
    async displays(): Promise<DisplayInfo[]> {
      return Promise.all(
        kiosks.map(async (kiosk, i) => {
          const [width, height] = await screenSize(kiosk);
          return { id: roles[i]!, width, height, orientation: height > width ? 'portrait' : 'landscape' } as const;
        }),
      );
    },
    recoveries: () => ({ ...counts }),
    browserPids: () => kiosks.flatMap((k, i) => (k.pid() === undefined ? [] : [{ display: roles[i]!, pid: k.pid()! }])),
    freshStart: async (display) => kioskFor(display).relaunch(),
    ready: async () => void (await Promise.all(kiosks.map((k) => k.session()))),
    pids: () => kiosks.map((k) => k.pid()),
    session: async (display) => kioskFor(display).session(),
    stop: async () => void (await Promise.all(kiosks.map((k) => k.stop()))),
  };
}

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

export { chooseShell, findChromium, findElectron, type ShellChoice, type ShellRequest } from './choose.ts';
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

  const kioskFor = (display?: string): KioskProcess => {
    const index = display === undefined ? 0 : roles.indexOf(display);
    const kiosk = kiosks[index];
    if (!kiosk) throw new Error(`no display "${display}" (displays: ${roles.join(', ')})`);
    return kiosk;
  };

  return {
    kind: 'chromium',
    screenshot: async (display) => kioskFor(display).screenshot(),
    reload: async () => void (await Promise.all(kiosks.map((k) => k.reload()))),
    restart: async () => void (await Promise.all(kiosks.map((k) => k.relaunch()))),
    async displays(): Promise<DisplayInfo[]> {
      return Promise.all(
        kiosks.map(async (kiosk, i) => {
          const session = await kiosk.session();
          const reply = parseUnknown(
            ScreenSize,
            await session.send('Runtime.evaluate', { expression: 'JSON.stringify([screen.width, screen.height])', returnByValue: true }),
            'screen size',
          );
          const [width, height] = parseUnknown(Size, parseJsonText(reply.result.value, 'screen size'), 'screen size');
          return { id: roles[i]!, width, height, orientation: height > width ? 'portrait' : 'landscape' } as const;
        }),
      );
    },
    recoveries: () => ({ ...counts }),
    ready: async () => void (await Promise.all(kiosks.map((k) => k.session()))),
    pids: () => kiosks.map((k) => k.pid()),
    session: async (display) => kioskFor(display).session(),
    stop: async () => void (await Promise.all(kiosks.map((k) => k.stop()))),
  };
}

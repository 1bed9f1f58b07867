/**
 * What a shell (Electron, system Chromium, or none) lends the core. The core
 * never imports a shell; `createPlayerCore(config, ports)` receives these.
 */
export interface DisplayInfo {
  /** Display role from the device config (main, secondary, kiosk…). */
  id: string;
  width: number;
  height: number;
  orientation: 'landscape' | 'portrait';
}

export interface RecoveryCounts {
  renderer: number;
  gpu: number;
  unresponsive: number;
}

export interface ShellPorts {
  readonly kind: 'electron' | 'chromium' | 'none';
  /**
   * PNG of what the glass shows now: every display when omitted, else that
   * one, each under a band with its name. On X11 it is the X screen itself
   * (pointer and any foreign window included); elsewhere the page's render.
   */
  screenshot(display?: string): Promise<Uint8Array>;
  /** Reload every player window (remote `reload` command). */
  reload(): Promise<void>;
  /** Relaunch the player process (remote `restart` command). */
  restart(): Promise<void>;
  /** Displays currently attached, with their roles. */
  displays(): Promise<DisplayInfo[]>;
  /** Crash/hang recoveries since start, for the heartbeat. */
  recoveries(): RecoveryCounts;
  /** Each display's browser process id (the Chromium shell; without it the memory guard reads nothing). */
  browserPids?(): Array<{ display: string; pid: number }>;
  /** Stops one display's browser and starts it afresh (the memory guard's maintenance restart). */
  freshStart?(display: string): Promise<void>;
  /**
   * The shell's own part of display power, when it has one: Electron lets
   * the display sleep off-hours (its blocker released) and holds it awake
   * again at opening. The panel itself is switched by the core (core/power).
   */
  power?(on: boolean): Promise<void>;
}

/** The shell for `--shell none`: no screen, so no screenshot and nothing to reload. */
export const headlessPorts: ShellPorts = {
  kind: 'none',
  screenshot: () => Promise.reject(new Error('no screen: started with --shell none')),
  reload: () => Promise.resolve(),
  restart: () => Promise.resolve(),
  displays: () => Promise.resolve([]),
  recoveries: () => ({ renderer: 0, gpu: 0, unresponsive: 0 }),
};

/**
 * Ports for a shell that starts after the core (it needs the core's local
 * URL first): calls go to the shell once `target()` returns it, to the
 * headless ports until then.
 */
export function forwardingPorts(kind: ShellPorts['kind'], target: () => ShellPorts | null): ShellPorts {
  const t = () => target() ?? headlessPorts;
  return {
    kind,
    screenshot: (d) => t().screenshot(d),
    reload: () => t().reload(),
    restart: () => t().restart(),
    displays: () => t().displays(),
    recoveries: () => t().recoveries(),
    browserPids: () => t().browserPids?.() ?? [],
    freshStart: async (display) => t().freshStart?.(display),
    power: (on) => t().power?.(on) ?? Promise.resolve(),
  };
}

import { BrowserWindow, screen, type Display } from 'electron';
import { secureWebPreferences } from './security.ts';

/**
 * One kiosk window per display, each showing the player for the display role
 * it is bound to. Displays come and go (a TV switched off, a cable moved): the
 * windows follow.
 */
export interface KioskWindowsOptions {
  /** Display roles from the device config, in order: the first goes to the primary display. */
  roles: readonly string[];
  urlFor(role: string): Promise<string> | string;
  /** Every new window: recovery, operator exit… */
  onWindow(window: BrowserWindow, role: string): void;
  /** Whether a window may close now (only when the operator left or the system shuts down). */
  mayClose(): boolean;
}

export interface KioskWindows {
  byRole(role: string): BrowserWindow | undefined;
  all(): Array<{ role: string; window: BrowserWindow; display: Display }>;
}

/** Pure: roles in config order onto the primary display, then the others left to right, top to bottom. */
export function assignRoles(displays: readonly Display[], primaryId: number, roles: readonly string[]): Array<{ role: string; display: Display }> {
  const ordered = [...displays].sort((a, b) => {
    if (a.id === primaryId) return -1;
    if (b.id === primaryId) return 1;
    return a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y;
  });
  return roles.slice(0, ordered.length).map((role, i) => ({ role, display: ordered[i]! }));
}

export function setupKioskWindows(options: KioskWindowsOptions): KioskWindows {
  const open = new Map<string, { window: BrowserWindow; display: Display }>();

  const create = async (role: string, display: Display): Promise<void> => {
    const { x, y, width, height } = display.bounds;
    const window = new BrowserWindow({
      x,
      y,
      width,
      height,
      frame: false,
      kiosk: true,
      fullscreen: true,
      autoHideMenuBar: true,
      show: false,
      backgroundColor: '#000000',
      title: `Pano — ${role}`,
      webPreferences: secureWebPreferences(),
    });
    open.set(role, { window, display });
    window.on('close', (event) => {
      if (!options.mayClose()) event.preventDefault();
    });
    window.on('closed', () => {
      if (open.get(role)?.window === window) open.delete(role);
    });
    window.once('ready-to-show', () => window.show());
    // The core not answering yet (or a moment's hiccup) must not leave a blank window.
    window.webContents.on('did-fail-load', (_event, _code, _description, url, isMainFrame) => {
      if (isMainFrame) setTimeout(() => window.isDestroyed() || void window.loadURL(url).catch(() => undefined), 2_000);
    });
    options.onWindow(window, role);
    await window.loadURL(await options.urlFor(role)).catch(() => undefined); // did-fail-load retries
  };

  const reconcile = (): void => {
    const wanted = assignRoles(screen.getAllDisplays(), screen.getPrimaryDisplay().id, options.roles);
    for (const [role, entry] of open) {
      const target = wanted.find((w) => w.role === role);
      if (!target) {
        // Its display is gone: close for good (destroy skips the close guard).
        open.delete(role);
        entry.window.destroy();
      } else if (target.display.id !== entry.display.id || JSON.stringify(target.display.bounds) !== JSON.stringify(entry.display.bounds)) {
        entry.display = target.display;
        // A kiosk window does not move while it is in kiosk mode.
        entry.window.setKiosk(false);
        entry.window.setBounds(target.display.bounds);
        entry.window.setKiosk(true);
      }
    }
    for (const { role, display } of wanted) {
      if (!open.has(role)) void create(role, display);
    }
  };

  screen.on('display-added', reconcile);
  screen.on('display-removed', reconcile);
  screen.on('display-metrics-changed', reconcile);
  reconcile();

  return {
    byRole: (role) => open.get(role)?.window,
    all: () => [...open].map(([role, entry]) => ({ role, ...entry })),
  };
}

import { app, Menu, powerMonitor, powerSaveBlocker } from 'electron';

/**
 * How the app lives and leaves: one instance, display awake in operating hours, started
 * at login, and closed only by the operator (PIN), an update, or the system.
 */
export function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.exit(0); // another Pano already owns the screens
    return false;
  }
  return true;
}

/** The display-sleep blocker, held while operating hours last (core/power calls `awake` at each edge). */
export interface DisplaySleep {
  awake(on: boolean): void;
}

/**
 * Held from start (no playlist yet: the screen shows why). Off-hours it is
 * released, so the system's own power saving may act besides the panel
 * switch; at opening it is taken again.
 */
export function setupPowerSaveBlocker(): DisplaySleep {
  let id: number | null = powerSaveBlocker.start('prevent-display-sleep');
  return {
    awake(on) {
      if (on && id === null) id = powerSaveBlocker.start('prevent-display-sleep');
      if (!on && id !== null) {
        powerSaveBlocker.stop(id);
        id = null;
      }
    },
  };
}

/** Login item on Windows and macOS; Linux uses the XDG autostart entry or the systemd user unit from build/linux/. */
export function setupAutoStart(platform: NodeJS.Platform = process.platform): void {
  if (!app.isPackaged || (platform !== 'win32' && platform !== 'darwin')) return;
  app.setLoginItemSettings({ openAtLogin: true });
}

export interface LeaveGuard {
  /** Whether windows may close and the app may quit. */
  leaving(): boolean;
  /** Allow it from now on (operator PIN, update install, remote restart, system shutdown). */
  allow(): void;
}

export function setupLeaveGuard(): LeaveGuard {
  let leaving = false;
  const allow = (): void => {
    leaving = true;
  };
  // No menu: no accelerator (Cmd+Q, Ctrl+W) can quit or close.
  Menu.setApplicationMenu(null);
  // Every window may vanish (all screens unplugged): keep running and wait for one.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    if (!leaving) event.preventDefault();
  });
  // The system going down is always a reason to leave.
  powerMonitor.on('shutdown', allow); // Linux, macOS; Windows: each window's 'session-end'
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      allow();
      app.quit();
    });
  }
  return { leaving: () => leaving, allow };
}

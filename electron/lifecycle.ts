import { app, Menu, powerMonitor, powerSaveBlocker } from 'electron';

/**
 * How the app lives and leaves: one instance, display always awake, started
 * at login, and closed only by the operator (PIN), an update, or the system.
 */
export function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.exit(0); // another Pano already owns the screens
    return false;
  }
  return true;
}

export function setupPowerSaveBlocker(): number {
  return powerSaveBlocker.start('prevent-display-sleep');
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

import { app, screen } from 'electron';
import { grabDisplays } from '../core/chromium/x11-grab.ts';
import type { DisplayInfo, ShellPorts } from '../core/ports.ts';
import type { DisplaySleep } from './lifecycle.ts';
import type { Recovery } from './recovery.ts';
import type { KioskWindows } from './windows.ts';

/** What the Electron shell lends the core: screenshots, reload, relaunch, displays, recovery counts, the display-sleep blocker. */
export function electronPorts(windows: () => KioskWindows | null, recovery: Recovery, leaveForRelaunch: () => void, env: NodeJS.ProcessEnv = process.env, sleep?: DisplaySleep): ShellPorts {
  const kiosk = (): KioskWindows => {
    const current = windows();
    if (!current) throw new Error('the kiosk windows are not open yet');
    return current;
  };
  return {
    kind: 'electron',
    // What X shows on each display, under its name (as the Chromium shell); the page's render where X cannot be grabbed.
    async screenshot(display) {
      const all = kiosk().all();
      const entries = display === undefined ? all : all.filter((w) => w.role === display);
      if (entries.length === 0) throw new Error(`no window on display "${display ?? '(first)'}"`);
      try {
        return await grabDisplays(env, entries.map(({ role, display: d }) => ({ name: role, rect: d.bounds })));
      } catch {
        const image = await entries[0]!.window.webContents.capturePage();
        return new Uint8Array(image.toPNG());
      }
    },
    async reload() {
      for (const { window } of kiosk().all()) window.webContents.reload();
    },
    async restart() {
      leaveForRelaunch();
      app.relaunch();
      app.exit(0);
    },
    async displays(): Promise<DisplayInfo[]> {
      const physical = new Map(screen.getAllDisplays().map((d) => [d.id, d]));
      return kiosk()
        .all()
        .map(({ role, display }) => {
          const { width, height } = (physical.get(display.id) ?? display).size;
          return { id: role, width, height, orientation: height > width ? 'portrait' : 'landscape' };
        });
    },
    recoveries: () => recovery.counts(),
    // Off-hours the blocker is released, at opening taken again; the panel itself is switched by the core (core/power).
    power: async (on) => sleep?.awake(on),
  };
}

import { join, resolve } from 'node:path';
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { createPlayerCore, type PlayerCore } from '../core/index.ts';
import type { ShellPorts } from '../core/ports.ts';
import { setupAutoStart, setupLeaveGuard, setupPowerSaveBlocker, setupSingleInstance } from './lifecycle.ts';
import { setupOperatorExit } from './operator-exit.ts';
import { electronPorts } from './ports.ts';
import { DEFAULT_RECOVERY, setupRecovery } from './recovery.ts';
import { fileRelaunchHistory } from './relaunch-history.ts';
import { setupPermissions, setupWebContentsHardening } from './security.ts';
import { hidePointerOnLoad, setupGlassSwitches } from './glass.ts';
import { loadConfig, updateFeedUrl } from './settings.ts';
import { showStartupError } from './startup-error.ts';
import { setupUpdates } from './updates.ts';
import { setupKioskWindows, type KioskWindows } from './windows.ts';

export interface Started {
  core: PlayerCore;
  windows: KioskWindows;
}

/** The Electron shell: wiring only. The player itself is the core, started with the ports below. */
async function main(): Promise<Started | null> {
  // Run from a checkout (`npm run electron`) Electron would call itself "Electron"; keep one data folder.
  if (!app.isPackaged) app.setPath('userData', join(app.getPath('appData'), 'Pano'));
  if (!setupSingleInstance()) return null;
  const guard = setupLeaveGuard();
  setupGlassSwitches();
  await app.whenReady();
  const config = await loadConfig(app.getPath('userData'));
  const log = (line: string): void => console.log(`[pano shell] ${line}`);

  let coreOrigin = 'null'; // no page is trusted until the core listens
  setupWebContentsHardening(() => coreOrigin);
  setupPermissions(() => coreOrigin);
  const sleep = setupPowerSaveBlocker();
  setupAutoStart();

  const recovery = setupRecovery({ ...DEFAULT_RECOVERY, now: Date.now, history: fileRelaunchHistory(app.getPath('userData')) });
  const exit = setupOperatorExit({ settings: config.shell.operatorExit, leave: () => (guard.allow(), app.quit()), now: Date.now });
  let windows: KioskWindows | null = null;
  const ports: ShellPorts = electronPorts(() => windows, recovery, guard.allow, process.env, sleep);

  // Bundled to dist/electron/main.js (in app.asar when packaged); the renderer bundle sits at renderer/dist beside it.
  const rendererDir = config.core.rendererDir ?? resolve(import.meta.dirname, '..', '..', 'renderer', 'dist');
  const core = createPlayerCore({ ...config.core, rendererDir }, ports);
  await core.start();
  coreOrigin = new URL(core.localUrl(config.core.displays[0]!.id)).origin;
  // will-quit, not before-quit: before-quit also fires for quits the leave guard refuses.
  let coreStopped = false;
  app.on('will-quit', (event) => {
    if (coreStopped) return;
    event.preventDefault(); // flush the outbox and close the API first
    void core.stop().finally(() => {
      coreStopped = true;
      app.quit();
    });
  });

  const kiosk = setupKioskWindows({
    roles: config.core.displays.map((d) => d.id),
    urlFor: (role) => core.localUrl(role),
    onWindow: (window) => {
      window.on('session-end', guard.allow);
      recovery.watch(window);
      exit.watch(window.webContents);
      hidePointerOnLoad(window.webContents);
    },
    mayClose: guard.leaving,
  });
  windows = kiosk;
  // A second launch (autostart racing a technician) just brings ours to the front.
  app.on('second-instance', () => windows?.all()[0]?.window.focus());

  const feed = updateFeedUrl(config);
  if (app.isPackaged && feed) {
    setupUpdates({
      updater: electronUpdater.autoUpdater,
      feedUrl: feed,
      window: config.shell.maintenanceWindow,
      timeZone: config.core.timeZone,
      checkEveryMs: config.shell.updateCheckIntervalMs,
      now: () => new Date(),
      leave: guard.allow,
      log,
    });
  }
  log(`playing ${config.core.displays.length} display role(s) from ${coreOrigin}; config ${config.files.core}`);
  return { core, windows: kiosk };
}

/** Resolves once the core runs and the windows are open (tests await it). */
export const started: Promise<Started | null> = main().catch((error: unknown) => {
  console.error('[pano shell] cannot start:', error);
  showStartupError(error);
  return null;
});

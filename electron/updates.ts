import type { AppUpdater } from 'electron-updater';
import { insideWindow, type MaintenanceWindow } from './maintenance-window.ts';

/**
 * Updates from a feed the hub serves (electron-updater "generic" provider):
 * download in the background whenever, install only inside the maintenance
 * window, so a screen never restarts in front of an audience.
 */
export interface UpdatesOptions {
  updater: Pick<AppUpdater, 'setFeedURL' | 'checkForUpdates' | 'quitAndInstall' | 'on'> & { autoDownload: boolean; autoInstallOnAppQuit: boolean };
  feedUrl: string;
  window: MaintenanceWindow;
  timeZone: string;
  checkEveryMs: number;
  now(): Date;
  /** Lets the kiosk windows close (quitAndInstall quits the app). */
  leave(): void;
  log(line: string): void;
}

export function setupUpdates(options: UpdatesOptions): { stop(): void } {
  const { updater } = options;
  updater.autoDownload = true;
  // Not on an ordinary quit: only inside the window, by us.
  updater.autoInstallOnAppQuit = false;
  updater.setFeedURL({ provider: 'generic', url: options.feedUrl });
  let downloaded = false;
  updater.on('update-downloaded', () => {
    downloaded = true;
    options.log('update downloaded; it installs inside the maintenance window');
    tryInstall();
  });
  updater.on('error', (error: Error) => options.log(`update check failed: ${error.message}`));

  const tryInstall = (): void => {
    if (!downloaded || !insideWindow(options.now(), options.window, options.timeZone)) return;
    options.leave();
    updater.quitAndInstall(true, true);
  };
  const check = (): void => {
    updater.checkForUpdates().catch((error: Error) => options.log(`update check failed: ${error.message}`));
  };

  check();
  const checkTimer = setInterval(check, options.checkEveryMs);
  // Once a minute is fine-grained enough to catch a window of any sensible length.
  const windowTimer = setInterval(tryInstall, 60_000);
  checkTimer.unref();
  windowTimer.unref();
  return {
    stop() {
      clearInterval(checkTimer);
      clearInterval(windowTimer);
    },
  };
}

import { app, type BrowserWindow, type RenderProcessGoneDetails } from 'electron';
import type { RecoveryCounts } from '../core/ports.ts';
import type { RelaunchHistory } from './relaunch-history.ts';

/**
 * Crashes and hangs: reload the window, and when that keeps failing, relaunch
 * the whole app. Both are rate-limited with growing delays so a broken GPU
 * driver cannot spin the CPU, and counted for the heartbeat.
 */
export interface RecoveryOptions {
  /** Reloads allowed within `windowMs`; one more crash relaunches the app. */
  maxReloads: number;
  windowMs: number;
  /** Delay before the n-th reload in the window: reloadDelayMs × 2^(n-1). */
  reloadDelayMs: number;
  /** Delay before a relaunch: relaunchDelayMs × 2^(relaunches in the last hour), capped. */
  relaunchDelayMs: number;
  maxRelaunchDelayMs: number;
  /** How long a window may hang before its renderer is killed and reloaded. */
  unresponsiveGraceMs: number;
  now(): number;
  history: RelaunchHistory;
}

export const DEFAULT_RECOVERY = { maxReloads: 3, windowMs: 60_000, reloadDelayMs: 1_000, relaunchDelayMs: 2_000, maxRelaunchDelayMs: 5 * 60_000, unresponsiveGraceMs: 10_000 };

export type RecoveryAction = { action: 'reload'; delayMs: number } | { action: 'relaunch'; delayMs: number };

/** Pure: what to do after a crash at `now`, given the earlier crashes still in the window. */
export function decideRecovery(recentCrashes: readonly number[], relaunchesLastHour: number, options: Omit<RecoveryOptions, 'now' | 'history' | 'unresponsiveGraceMs'>): RecoveryAction {
  const n = recentCrashes.length; // including this one
  if (n <= options.maxReloads) return { action: 'reload', delayMs: options.reloadDelayMs * 2 ** (n - 1) };
  return { action: 'relaunch', delayMs: Math.min(options.maxRelaunchDelayMs, options.relaunchDelayMs * 2 ** relaunchesLastHour) };
}

export interface Recovery {
  watch(window: BrowserWindow): void;
  counts(): RecoveryCounts;
}

export function setupRecovery(options: RecoveryOptions): Recovery {
  const counts: RecoveryCounts = { renderer: 0, gpu: 0, unresponsive: 0 };
  let crashes: number[] = [];
  let relaunchPending = false;

  const recover = (window: BrowserWindow | null): void => {
    if (relaunchPending) return;
    const now = options.now();
    crashes = [...crashes.filter((t) => now - t < options.windowMs), now];
    const relaunches = options.history.load().filter((t) => now - t < 3_600_000);
    const decision = decideRecovery(crashes, relaunches.length, options);
    if (decision.action === 'reload') {
      setTimeout(() => {
        if (window && !window.isDestroyed()) window.webContents.reload();
      }, decision.delayMs);
      return;
    }
    relaunchPending = true;
    setTimeout(() => {
      options.history.save([...relaunches, options.now()]);
      app.relaunch();
      app.exit(0);
    }, decision.delayMs);
  };

  app.on('child-process-gone', (_event, details) => {
    if (details.type !== 'GPU' || details.reason === 'clean-exit') return;
    counts.gpu += 1;
    // Chromium restarts its GPU process itself; only a crash loop needs us.
    recover(null);
  });

  return {
    watch(window) {
      const contents = window.webContents;
      let hangTimer: NodeJS.Timeout | null = null;
      let killedForHang = false;
      contents.on('render-process-gone', (_event, details: RenderProcessGoneDetails) => {
        if (details.reason === 'clean-exit') return;
        if (killedForHang) killedForHang = false; // already counted as a hang
        else counts.renderer += 1;
        recover(window);
      });
      window.on('unresponsive', () => {
        if (hangTimer) return;
        hangTimer = setTimeout(() => {
          hangTimer = null;
          counts.unresponsive += 1;
          killedForHang = true;
          // A crash ends the hang; render-process-gone then reloads.
          contents.forcefullyCrashRenderer();
        }, options.unresponsiveGraceMs);
      });
      window.on('responsive', () => {
        if (hangTimer) clearTimeout(hangTimer);
        hangTimer = null;
      });
      window.on('closed', () => {
        if (hangTimer) clearTimeout(hangTimer);
      });
    },
    counts: () => ({ ...counts }),
  };
}

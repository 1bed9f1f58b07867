import type { HubContext } from '../context.ts';
import { compose } from './compose.ts';
import { deliver } from './deliver.ts';
import { loadSettings, syncAlerts } from './store.ts';

export interface AlertMonitor {
  /** One pass now (rules, grouping, delivery); the studio's settings save calls it so a change shows at once. */
  tick(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The alert loop: every `checkSeconds` (read afresh each pass, so a settings
 * change applies without a restart) it runs the rules, composes what is due
 * into messages and sends the outbox. Passes never overlap.
 */
export function startAlertMonitor(hub: HubContext, loop: boolean): AlertMonitor {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;
  const pass = async (): Promise<number> => {
    const settings = await loadSettings(hub);
    if (settings.enabled) {
      await syncAlerts(hub, settings);
      await compose(hub, settings);
    }
    // The outbox also holds the board's notices, which go out whether or not alert rules run.
    await deliver(hub, settings);
    return settings.checkSeconds * 1000;
  };
  const tick = () => {
    running = running.then(async () => {
      if (closed || !loop) return;
      clearTimeout(timer);
      const next = await pass().catch((error: Error) => {
        hub.log(`alerts: ${error.stack ?? error.message}`);
        return 30_000;
      });
      if (!closed) {
        timer = setTimeout(tick, next);
        timer.unref();
      }
    });
    return running;
  };
  if (loop) {
    timer = setTimeout(tick, 1000);
    timer.unref();
  }
  return {
    tick,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { setupUpdates } from './updates.ts';

describe('updates', () => {
  afterEach(() => vi.useRealTimers());

  it('downloads any time but installs only inside the maintenance window', () => {
    // 2026-03-10 00:00 in Ho Chi Minh City (UTC+7).
    vi.useFakeTimers({ now: new Date('2026-03-09T17:00:00Z') });
    const handlers = new Map<string, (...args: unknown[]) => void>();
    const updater = {
      autoDownload: false,
      autoInstallOnAppQuit: true,
      installs: 0,
      setFeedURL: vi.fn(),
      checkForUpdates: vi.fn(() => Promise.resolve(null)),
      quitAndInstall() {
        this.installs += 1;
      },
      on(event: string, fn: (...args: unknown[]) => void) {
        handlers.set(event, fn);
        return this;
      },
    };
    let left = 0;
    const updates = setupUpdates({
      updater: updater as never,
      feedUrl: 'http://127.0.0.1:8080/updates/',
      window: { start: '02:00', end: '04:00' },
      timeZone: 'Asia/Ho_Chi_Minh',
      checkEveryMs: 3_600_000,
      now: () => new Date(),
      leave: () => (left += 1),
      log: () => undefined,
    });
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'http://127.0.0.1:8080/updates/' });
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);

    handlers.get('update-downloaded')!({ version: '0.2.0' });
    expect(updater.installs).toBe(0); // midnight: the screen is still in use
    vi.advanceTimersByTime(119 * 60_000); // 01:59
    expect(updater.installs).toBe(0);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2); // hourly checks go on
    vi.advanceTimersByTime(60_000); // 02:00
    expect(updater.installs).toBe(1);
    expect(left).toBe(1);
    updates.stop();
  });
});

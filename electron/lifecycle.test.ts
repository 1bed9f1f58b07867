import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, FakeEvent, powerMonitor, powerSaveBlocker, resetFake } from './test-fakes/electron.ts';
import { setupAutoStart, setupLeaveGuard, setupPowerSaveBlocker, setupSingleInstance } from './lifecycle.ts';

vi.mock('electron', () => import('./test-fakes/electron.ts'));

describe('lifecycle', () => {
  beforeEach(() => resetFake());
  afterEach(() => {
    process.removeAllListeners('SIGTERM');
    process.removeAllListeners('SIGINT');
  });

  it('keeps the display awake from start, lets it sleep off-hours and holds it again at opening', () => {
    const sleep = setupPowerSaveBlocker();
    expect(powerSaveBlocker.started).toEqual(['prevent-display-sleep']);
    expect(powerSaveBlocker.isStarted(1)).toBe(true);
    sleep.awake(false);
    sleep.awake(false); // released once, not twice
    expect(powerSaveBlocker.stopped).toEqual([1]);
    expect(powerSaveBlocker.isStarted(1)).toBe(false);
    sleep.awake(true);
    sleep.awake(true);
    expect(powerSaveBlocker.started).toEqual(['prevent-display-sleep', 'prevent-display-sleep']);
    expect(powerSaveBlocker.isStarted(2)).toBe(true);
  });

  it('a second instance leaves at once', () => {
    app.requestSingleInstanceLock = () => false;
    expect(setupSingleInstance()).toBe(false);
    expect(app.exitCodes).toEqual([0]);
  });

  it('opens at login on Windows and macOS only, and only when packaged', () => {
    setupAutoStart('linux');
    expect(app.loginItem).toBeNull();
    setupAutoStart('win32');
    expect(app.loginItem).toEqual({ openAtLogin: true });
    app.loginItem = null;
    app.isPackaged = false;
    setupAutoStart('darwin');
    expect(app.loginItem).toBeNull();
  });

  it('refuses to quit until leaving is allowed, and the system shutting down allows it', () => {
    const guard = setupLeaveGuard();
    const first = new FakeEvent();
    app.emit('before-quit', first);
    expect(first.defaultPrevented).toBe(true);
    expect(app.listenerCount('window-all-closed')).toBe(1); // keeps running with no window
    powerMonitor.emit('shutdown');
    const second = new FakeEvent();
    app.emit('before-quit', second);
    expect(second.defaultPrevented).toBe(false);
    expect(guard.leaving()).toBe(true);
  });
});

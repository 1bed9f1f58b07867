import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronWindow } from 'electron';
import { app, BrowserWindow, FakeEvent, resetFake } from './test-fakes/electron.ts';
import { DEFAULT_RECOVERY, setupRecovery } from './recovery.ts';

vi.mock('electron', () => import('./test-fakes/electron.ts'));

describe('crash recovery', () => {
  let saved: number[];
  const history = { load: () => saved, save: (times: number[]) => void (saved = times) };

  beforeEach(() => {
    resetFake();
    vi.useFakeTimers({ now: 1_000_000 });
    saved = [];
  });
  afterEach(() => vi.useRealTimers());

  const start = () => {
    const recovery = setupRecovery({ ...DEFAULT_RECOVERY, now: () => Date.now(), history });
    const window = new BrowserWindow({});
    recovery.watch(window as unknown as ElectronWindow);
    return { recovery, window };
  };
  const crash = (window: BrowserWindow, reason = 'crashed') => window.webContents.emit('render-process-gone', new FakeEvent(), { reason, exitCode: 139 });

  it('reloads after a renderer crash, after a short delay, and counts it', () => {
    const { recovery, window } = start();
    crash(window);
    expect(window.webContents.reloads).toBe(0);
    vi.advanceTimersByTime(1_000);
    expect(window.webContents.reloads).toBe(1);
    expect(recovery.counts()).toEqual({ renderer: 1, gpu: 0, unresponsive: 0 });
    expect(app.relaunches).toBe(0);
  });

  it('backs off between reloads, then relaunches the app when crashes repeat', () => {
    const { recovery, window } = start();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      crash(window);
      const before = Date.now();
      vi.advanceTimersToNextTimer();
      delays.push(Date.now() - before);
    }
    expect(delays).toEqual([1_000, 2_000, 4_000]);
    expect(window.webContents.reloads).toBe(3);
    crash(window); // the fourth within a minute
    vi.advanceTimersByTime(1_999);
    expect(app.relaunches).toBe(0);
    vi.advanceTimersByTime(1);
    expect(app.relaunches).toBe(1);
    expect(app.exitCodes).toEqual([0]);
    expect(saved).toEqual([Date.now()]);
    expect(recovery.counts().renderer).toBe(4);
  });

  it('waits longer before each relaunch within the hour (the history survives the relaunch)', () => {
    saved = [Date.now() - 10 * 60_000, Date.now() - 5 * 60_000];
    const { window } = start();
    for (let i = 0; i < 4; i++) {
      crash(window);
      if (i < 3) vi.advanceTimersToNextTimer();
    }
    vi.advanceTimersByTime(7_999);
    expect(app.relaunches).toBe(0);
    vi.advanceTimersByTime(1); // 2 s × 2²
    expect(app.relaunches).toBe(1);
  });

  it('forgets crashes older than the window', () => {
    const { window } = start();
    for (let i = 0; i < 6; i++) {
      crash(window);
      vi.advanceTimersByTime(61_000);
    }
    expect(window.webContents.reloads).toBe(6);
    expect(app.relaunches).toBe(0);
  });

  it('ignores a clean exit', () => {
    const { recovery, window } = start();
    crash(window, 'clean-exit');
    vi.runAllTimers();
    expect(window.webContents.reloads).toBe(0);
    expect(recovery.counts().renderer).toBe(0);
  });

  it('kills and reloads a window that stays unresponsive, but not one that recovers', () => {
    const { recovery, window } = start();
    window.emit('unresponsive');
    vi.advanceTimersByTime(5_000);
    window.emit('responsive');
    vi.advanceTimersByTime(10_000);
    expect(window.webContents.crashesForced).toBe(0);

    window.emit('unresponsive');
    vi.advanceTimersByTime(10_000);
    expect(window.webContents.crashesForced).toBe(1);
    crash(window, 'killed'); // what forcefullyCrashRenderer causes
    vi.advanceTimersByTime(1_000);
    expect(window.webContents.reloads).toBe(1);
    expect(recovery.counts()).toEqual({ renderer: 0, gpu: 0, unresponsive: 1 });
  });

  it('counts GPU process crashes and relaunches on a GPU crash loop', () => {
    const { recovery } = start();
    for (let i = 0; i < 4; i++) app.emit('child-process-gone', new FakeEvent(), { type: 'GPU', reason: 'crashed', exitCode: 1 });
    app.emit('child-process-gone', new FakeEvent(), { type: 'Utility', reason: 'crashed', exitCode: 1 });
    expect(recovery.counts().gpu).toBe(4);
    vi.runAllTimers();
    expect(app.relaunches).toBe(1);
  });
});

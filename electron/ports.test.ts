import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronWindow, Display } from 'electron';
import { app, BrowserWindow, fakeDisplay, powerSaveBlocker, resetFake } from './test-fakes/electron.ts';
import { setupPowerSaveBlocker } from './lifecycle.ts';
import { electronPorts } from './ports.ts';
import type { Recovery } from './recovery.ts';
import type { KioskWindows } from './windows.ts';

vi.mock('electron', () => import('./test-fakes/electron.ts'));

describe('electron ports', () => {
  const setup = () => {
    resetFake();
    const main = new BrowserWindow({});
    const lobby = new BrowserWindow({});
    const entries = [
      { role: 'main', window: main as unknown as ElectronWindow, display: fakeDisplay(1, 0) as unknown as Display },
      { role: 'lobby', window: lobby as unknown as ElectronWindow, display: fakeDisplay(2, 1920, 1080, 1920) as unknown as Display },
    ];
    const windows: KioskWindows = { all: () => entries, byRole: (r) => entries.find((e) => e.role === r)?.window };
    const recovery: Recovery = { watch: () => undefined, counts: () => ({ renderer: 2, gpu: 1, unresponsive: 0 }) };
    let allowed = 0;
    // No X display here: screenshots fall back to the page's render (x11-grab.test.ts grabs a real X screen).
    const ports = electronPorts(() => windows, recovery, () => (allowed += 1), {}, setupPowerSaveBlocker());
    return { ports, main, lobby, allowed: () => allowed };
  };

  it('screenshots a display through capturePage as PNG where X cannot be grabbed', async () => {
    const { ports, lobby } = setup();
    lobby.webContents.capturePage = async () => ({ toPNG: () => Buffer.from('89504e470d0a1a0a0000', 'hex') });
    const png = await ports.screenshot('lobby');
    expect(Buffer.from(png).toString('hex')).toBe('89504e470d0a1a0a0000');
    await expect(ports.screenshot('kitchen')).rejects.toThrow(/no window on display "kitchen"/);
  });

  it('reports displays by role, reloads every window, and relaunches on restart', async () => {
    const { ports, main, lobby, allowed } = setup();
    expect(await ports.displays()).toEqual([
      { id: 'main', width: 1920, height: 1080, orientation: 'landscape' },
      { id: 'lobby', width: 1080, height: 1920, orientation: 'portrait' },
    ]);
    await ports.reload();
    expect([main.webContents.reloads, lobby.webContents.reloads]).toEqual([1, 1]);
    expect(ports.recoveries()).toEqual({ renderer: 2, gpu: 1, unresponsive: 0 });
    await ports.restart();
    expect(allowed()).toBe(1);
    expect(app.relaunches).toBe(1);
    expect(app.exitCodes).toEqual([0]);
  });

  it('releases the display-sleep blocker when the core switches the panel off, and takes it again at opening', async () => {
    const { ports } = setup();
    expect(powerSaveBlocker.isStarted(1)).toBe(true);
    await ports.power!(false);
    expect(powerSaveBlocker.isStarted(1)).toBe(false);
    await ports.power!(true);
    expect(powerSaveBlocker.started).toHaveLength(2);
    expect(powerSaveBlocker.isStarted(2)).toBe(true);
  });
});

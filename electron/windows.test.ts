import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronWindow, Display } from 'electron';
import { BrowserWindow, fakeDisplay, resetFake, screen } from './test-fakes/electron.ts';
import { assignRoles, setupKioskWindows } from './windows.ts';

vi.mock('electron', () => import('./test-fakes/electron.ts'));

const SECURE = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  devTools: false,
};

/** The window the code under test created, as the fake it is. */
const fake = (window: ElectronWindow | undefined): BrowserWindow => window as unknown as BrowserWindow;

describe('kiosk windows', () => {
  let mayClose = false;
  const start = (roles: string[]) => {
    const windows = setupKioskWindows({ roles, urlFor: (role) => `http://127.0.0.1:5000/?display=${role}`, onWindow: () => undefined, mayClose: () => mayClose });
    return { all: () => windows.all(), byRole: (role: string) => fake(windows.byRole(role)) };
  };

  beforeEach(() => {
    resetFake();
    mayClose = false;
  });

  it('opens one secure, frameless, fullscreen kiosk window per display, bound to its role', async () => {
    screen.displays = [fakeDisplay(7, 1920, 1080, 1920), fakeDisplay(3, 0)];
    screen.primaryId = 3;
    const windows = start(['main', 'lobby']);
    await vi.waitFor(() => expect(BrowserWindow.created.every((w) => w.webContents.url)).toBe(true));
    expect(BrowserWindow.created).toHaveLength(2);
    for (const window of BrowserWindow.created) {
      expect(window.options).toMatchObject({ frame: false, kiosk: true, fullscreen: true });
      expect(window.options.webPreferences).toMatchObject(SECURE);
    }
    expect(windows.byRole('main').bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    expect(windows.byRole('lobby').bounds).toEqual({ x: 1920, y: 0, width: 1080, height: 1920 });
    expect(windows.byRole('lobby').webContents.url).toBe('http://127.0.0.1:5000/?display=lobby');
  });

  it('follows displays that are added and removed', () => {
    const windows = start(['main', 'lobby']);
    expect(BrowserWindow.created).toHaveLength(1);
    screen.displays = [...screen.displays, fakeDisplay(2, 1920)];
    screen.emit('display-added', {}, screen.displays[1]);
    expect(windows.all().map((w) => w.role)).toEqual(['main', 'lobby']);
    const lobby = windows.byRole('lobby');
    expect(lobby.options.webPreferences).toMatchObject(SECURE);
    screen.displays = [screen.displays[0]!];
    screen.emit('display-removed', {}, {});
    expect(lobby.isDestroyed()).toBe(true);
    expect(windows.all().map((w) => w.role)).toEqual(['main']);
  });

  it('moves a window whose display changed size and stays in kiosk mode', () => {
    const windows = start(['main']);
    screen.displays = [fakeDisplay(1, 0, 3840, 2160)];
    screen.emit('display-metrics-changed', {}, screen.displays[0], ['bounds']);
    expect(windows.byRole('main').bounds).toEqual({ x: 0, y: 0, width: 3840, height: 2160 });
    expect(windows.byRole('main').kiosk).toBe(true);
  });

  it('refuses to close unless leaving is allowed', () => {
    const windows = start(['main']);
    const main = windows.byRole('main');
    main.close();
    expect(main.isDestroyed()).toBe(false);
    mayClose = true;
    main.close();
    expect(main.isDestroyed()).toBe(true);
  });
});

describe('assignRoles', () => {
  it('puts the first role on the primary display, the rest left to right, and drops extras', () => {
    const displays = [fakeDisplay(1, 3840), fakeDisplay(2, 0), fakeDisplay(3, 1920)] as unknown as Display[];
    expect(assignRoles(displays, 3, ['main', 'a', 'b', 'c']).map(({ role, display }) => [role, display.id])).toEqual([
      ['main', 3],
      ['a', 2],
      ['b', 1],
    ]);
  });
});

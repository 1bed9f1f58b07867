import { beforeEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, FakeEvent, resetFake, session } from './test-fakes/electron.ts';
import { ALLOWED_PERMISSIONS, isCoreOrigin, secureWebPreferences, setupPermissions, setupWebContentsHardening } from './security.ts';

vi.mock('electron', () => import('./test-fakes/electron.ts'));

const CORE = 'http://127.0.0.1:41234';

describe('isCoreOrigin', () => {
  it.each([
    [`${CORE}/`, true],
    [`${CORE}/?display=main&token=x`, true],
    [`${CORE}/media/abc#t=3`, true],
    ['http://127.0.0.1:41234.evil.com/', false],
    ['http://127.0.0.1:412345/', false],
    ['http://127.0.0.1:41234@evil.com/', false],
    [`http://user:pass@127.0.0.1:41234/`, false],
    ['http://localhost:41234/', false],
    ['https://127.0.0.1:41234/', false],
    ['http://127.0.0.1:41235/', false],
    ['http://127.0.0.1/', false],
    [`https://evil.com/?next=${CORE}/`, false],
    [`http://evil.com#${CORE}`, false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<h1>x</h1>', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isCoreOrigin(url, CORE)).toBe(expected);
  });
});

describe('secureWebPreferences', () => {
  it('has every item of the checklist and DevTools off when packaged', () => {
    app.isPackaged = true;
    expect(secureWebPreferences()).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(secureWebPreferences()).not.toHaveProperty('preload');
  });
});

describe('web contents hardening', () => {
  beforeEach(() => {
    resetFake();
    setupWebContentsHardening(() => CORE);
  });

  const navigate = (window: BrowserWindow, event: string, url: string): boolean => {
    const e = new FakeEvent(url);
    window.webContents.emit(event, e, url);
    return !e.defaultPrevented;
  };

  it('lets the core origin through and stops everything else, on navigate and redirect', () => {
    const window = new BrowserWindow({});
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      expect(navigate(window, event, `${CORE}/?display=main`)).toBe(true);
      expect(navigate(window, event, 'http://127.0.0.1:41234.evil.com/')).toBe(false);
      expect(navigate(window, event, 'http://127.0.0.1:41234@evil.com/')).toBe(false);
      expect(navigate(window, event, 'https://example.com/')).toBe(false);
      expect(navigate(window, event, 'file:///etc/passwd')).toBe(false);
    }
  });

  it('denies every window.open, even to the core itself', () => {
    const window = new BrowserWindow({});
    for (const url of [`${CORE}/`, 'https://example.com/', 'about:blank']) {
      expect(window.webContents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('refuses <webview> and closes DevTools in a packaged app', () => {
    const window = new BrowserWindow({});
    const attach = new FakeEvent();
    window.webContents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
    window.webContents.emit('devtools-opened');
    expect(window.webContents.devToolsClosed).toBe(1);
  });
});

describe('permissions', () => {
  beforeEach(() => {
    resetFake();
    setupPermissions(() => CORE);
  });

  const request = (url: string, permission: string): boolean => {
    const contents = new BrowserWindow({}).webContents;
    contents.url = url;
    let granted: boolean | undefined;
    session.defaultSession.permissionRequest!(contents, permission, (g) => (granted = g));
    return granted!;
  };

  it('denies what the player does not use, from any origin', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'midi', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb', 'display-capture']) {
      expect(request(`${CORE}/`, permission)).toBe(false);
      expect(session.defaultSession.permissionCheck!(null, permission, CORE)).toBe(false);
    }
    expect(session.defaultSession.devicePermission!()).toBe(false);
  });

  it('allows the few it uses only to the core origin', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['fullscreen']);
    expect(request(`${CORE}/`, 'fullscreen')).toBe(true);
    expect(request('https://evil.com/', 'fullscreen')).toBe(false);
    expect(session.defaultSession.permissionCheck!(null, 'fullscreen', CORE)).toBe(true);
    expect(session.defaultSession.permissionCheck!(null, 'fullscreen', 'http://127.0.0.1:41234.evil.com')).toBe(false);
  });
});

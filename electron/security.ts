import { app, session, type Session, type WebContents, type WebPreferences } from 'electron';

/**
 * Electron's security checklist in one place. The renderer is a web page
 * served by the core on 127.0.0.1: it gets no Node, no preload, no IPC, and
 * may only ever show the core's own origin. CSP comes from the core's HTTP headers.
 */
export function secureWebPreferences(): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // DevTools only in development; a packaged kiosk has none.
    devTools: !app.isPackaged,
    autoplayPolicy: 'no-user-gesture-required',
    // A window under another one (two displays on one monitor) keeps playing at full rate.
    backgroundThrottling: false,
    // A page's alert() must not freeze the screen waiting for a click.
    disableDialogs: true,
    safeDialogs: true,
  };
}

/** Same origin as the core, by parsed URL origin (never by string prefix). */
export function isCoreOrigin(url: string, coreOrigin: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.origin === coreOrigin && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** What the player uses; every other permission (camera, geolocation, notifications, USB…) is denied. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['fullscreen']);

/** Every WebContents ever created: navigation pinned to the core, popups and <webview> refused. */
export function setupWebContentsHardening(coreOrigin: () => string): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, coreOrigin));
}

export function hardenWebContents(contents: WebContents, coreOrigin: () => string): void {
  const guard = (event: { preventDefault(): void; url: string }): void => {
    if (!isCoreOrigin(event.url, coreOrigin())) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) guard(event);
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (app.isPackaged) contents.on('devtools-opened', () => contents.closeDevTools());
}

/** Permission prompts and checks: only the allowed ones, only for the core's origin. */
export function setupPermissions(coreOrigin: () => string, target: Session = session.defaultSession): void {
  target.setPermissionRequestHandler((contents, permission, callback) => {
    callback(ALLOWED_PERMISSIONS.has(permission) && isCoreOrigin(contents.getURL(), coreOrigin()));
  });
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return ALLOWED_PERMISSIONS.has(permission) && isCoreOrigin(requestingOrigin, coreOrigin());
  });
  target.setDevicePermissionHandler(() => false);
}

/**
 * A hand-written fake of the small Electron surface the shell uses, for
 * vi.mock('electron'). Objects record what they were given and are driven
 * by emitting the events Electron would emit.
 */
import { EventEmitter } from 'node:events';

export class FakeEvent {
  defaultPrevented = false;
  readonly url: string;
  readonly isMainFrame: boolean;
  constructor(url = '', isMainFrame = true) {
    this.url = url;
    this.isMainFrame = isMainFrame;
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  url = '';
  reloads = 0;
  crashesForced = 0;
  devToolsClosed = 0;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  capturePage = async () => ({ toPNG: () => Buffer.from('89504e470d0a1a0a', 'hex') });
  inputEvents: Array<{ type: string; x: number; y: number }> = [];
  sendInputEvent(event: { type: string; x: number; y: number }): void {
    this.inputEvents.push(event);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  reload(): void {
    this.reloads += 1;
  }
  getURL(): string {
    return this.url;
  }
  forcefullyCrashRenderer(): void {
    this.crashesForced += 1;
  }
  closeDevTools(): void {
    this.devToolsClosed += 1;
  }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly options: Record<string, unknown>;
  destroyed = false;
  bounds: { x: number; y: number; width: number; height: number };
  kiosk: boolean;
  alwaysOnTop = false;
  constructor(options: Record<string, unknown> & { x?: number; y?: number; width?: number; height?: number } = {}) {
    super();
    this.options = options;
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
    this.kiosk = Boolean(options.kiosk);
    BrowserWindow.created.push(this);
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  /** As Electron: 'close' may be prevented; otherwise the window is gone. */
  close(): void {
    const event = new FakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }
  show(): void {}
  focus(): void {}
  setBounds(bounds: { x: number; y: number; width: number; height: number }): void {
    this.bounds = bounds;
  }
  setKiosk(flag: boolean): void {
    this.kiosk = flag;
  }
  setAlwaysOnTop(flag: boolean): void {
    this.alwaysOnTop = flag;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = true;
  relaunches = 0;
  exitCodes: number[] = [];
  loginItem: unknown = null;
  relaunch(): void {
    this.relaunches += 1;
  }
  exit(code = 0): void {
    this.exitCodes.push(code);
  }
  quit(): void {
    this.exitCodes.push(0);
  }
  requestSingleInstanceLock = (): boolean => true;
  switches: string[] = [];
  readonly commandLine = { appendSwitch: (name: string, value?: string): void => void this.switches.push(value === undefined ? name : `${name}=${value}`) };
  setLoginItemSettings(settings: unknown): void {
    this.loginItem = settings;
  }
  paths: Record<string, string> = { appData: '/tmp/pano-fake-app-data', userData: '/tmp/pano-fake-app-data/Electron' };
  getPath(name: string): string {
    const path = this.paths[name];
    if (!path) throw new Error(`fake app.getPath: no path "${name}"`);
    return path;
  }
  setPath(name: string, path: string): void {
    this.paths[name] = path;
  }
  getVersion(): string {
    return '0.1.0';
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
}

export const app = new FakeApp();

export interface FakeDisplay {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  size: { width: number; height: number };
}

export function fakeDisplay(id: number, x: number, width = 1920, height = 1080): FakeDisplay {
  return { id, bounds: { x, y: 0, width, height }, size: { width, height } };
}

class FakeScreen extends EventEmitter {
  displays: FakeDisplay[] = [fakeDisplay(1, 0)];
  primaryId = 1;
  getAllDisplays(): FakeDisplay[] {
    return this.displays;
  }
  getPrimaryDisplay(): FakeDisplay {
    return this.displays.find((d) => d.id === this.primaryId) ?? this.displays[0]!;
  }
}

export const screen = new FakeScreen();

class FakeSession {
  permissionRequest: ((contents: FakeWebContents, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheck: ((contents: FakeWebContents | null, permission: string, origin: string) => boolean) | null = null;
  devicePermission: (() => boolean) | null = null;
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermission']): void {
    this.devicePermission = handler;
  }
}

export const session = { defaultSession: new FakeSession() };

export const powerSaveBlocker = {
  started: [] as string[],
  stopped: [] as number[],
  start(type: string): number {
    this.started.push(type);
    return this.started.length;
  },
  stop(id: number): void {
    this.stopped.push(id);
  },
  isStarted(id: number): boolean {
    return id >= 1 && id <= this.started.length && !this.stopped.includes(id);
  },
};

export const Menu = { setApplicationMenu: (_menu: unknown): void => undefined };

export const powerMonitor = new EventEmitter();

/** Back to a fresh state between tests. */
export function resetFake(): void {
  BrowserWindow.created = [];
  app.removeAllListeners();
  app.isPackaged = true;
  app.relaunches = 0;
  app.exitCodes = [];
  app.loginItem = null;
  app.switches = [];
  app.requestSingleInstanceLock = () => true;
  app.paths = { appData: '/tmp/pano-fake-app-data', userData: '/tmp/pano-fake-app-data/Electron' };
  powerMonitor.removeAllListeners();
  screen.removeAllListeners();
  screen.displays = [fakeDisplay(1, 0)];
  screen.primaryId = 1;
  session.defaultSession = new FakeSession();
  powerSaveBlocker.started = [];
  powerSaveBlocker.stopped = [];
}

export default { app, BrowserWindow, screen, session, powerSaveBlocker, powerMonitor, Menu };

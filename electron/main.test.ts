import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { key, rootEnvelope } from '../test/fixtures/core-signing.ts';
import type { Started } from './main.ts';
import { app, BrowserWindow, FakeEvent, fakeDisplay, powerSaveBlocker, screen, session } from './test-fakes/electron.ts';

// main.ts end to end against the fake Electron and the REAL core: the core
// starts its local API on loopback and the windows load it.
vi.mock('electron', () => import('./test-fakes/electron.ts'));
const updater = vi.hoisted(() => ({
  autoDownload: false,
  autoInstallOnAppQuit: true,
  feeds: [] as unknown[],
  checks: 0,
  on: () => undefined,
  setFeedURL(feed: unknown) {
    this.feeds.push(feed);
  },
  checkForUpdates() {
    this.checks += 1;
    return Promise.resolve(null);
  },
  quitAndInstall: () => undefined,
}));
vi.mock('electron-updater', () => ({ default: { autoUpdater: updater } }));

describe('electron/main.ts', () => {
  let dir: string;
  let started: Started | null = null;

  // The hub is not the subject here: a loopback server with no playlist yet.
  const hub = createServer((_req, res) => res.writeHead(404).end());

  afterAll(async () => {
    await started?.core.stop();
    await new Promise((r) => hub.close(r));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts the core and opens one hardened kiosk window per display role on its local URL', async () => {
    dir = await mkdtemp(join(tmpdir(), 'pano-electron-main-'));
    await new Promise<void>((r) => hub.listen(0, '127.0.0.1', r));
    const config = {
      displays: [{ id: 'main' }, { id: 'lobby', orientation: 'portrait' }],
      playlistUrl: `http://127.0.0.1:${(hub.address() as AddressInfo).port}/channels/demo/playlist.json`,
      rootJson: rootEnvelope(1, [key('root')], [key('publisher')]),
      shell: 'chromium', // what `pano player` would use; Electron ignores it
    };
    await writeFile(join(dir, 'config.json'), JSON.stringify(config));
    await writeFile(join(dir, 'shell.json'), JSON.stringify({ updateUrl: 'http://127.0.0.1:9/updates/', maintenanceWindow: { start: '02:00', end: '04:00' } }));
    process.env.PANO_DATA = dir;
    screen.displays = [fakeDisplay(1, 0), fakeDisplay(2, 1920, 1080, 1920)];

    started = await (await import('./main.ts')).started;
    expect(started).not.toBeNull();
    await vi.waitFor(() => expect(BrowserWindow.created.filter((w) => w.webContents.url)).toHaveLength(2));

    const origin = new URL(started!.core.localUrl('main')).origin;
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const [main, lobby] = BrowserWindow.created;
    expect(new URL(main!.webContents.url).searchParams.get('display')).toBe('main');
    expect(new URL(lobby!.webContents.url).searchParams.get('display')).toBe('lobby');
    for (const window of [main!, lobby!]) {
      expect(window.options).toMatchObject({ kiosk: true, frame: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
      // The navigation guard knows the core's real origin.
      const inside = new FakeEvent(`${origin}/?display=main`);
      window.webContents.emit('will-navigate', inside);
      const outside = new FakeEvent(`${origin}.evil.com/`);
      window.webContents.emit('will-navigate', outside);
      expect([inside.defaultPrevented, outside.defaultPrevented]).toEqual([false, true]);
    }
    // The core really serves that origin.
    const token = new URL(started!.core.localUrl('main')).searchParams.get('token');
    const response = await fetch(`${origin}/api/state`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect((await response.json()).displays.map((d: { id: string }) => d.id)).toEqual(['main', 'lobby']);

    // Recovery and the exit chord are wired to every window.
    main!.webContents.emit('render-process-gone', new FakeEvent(), { reason: 'crashed', exitCode: 11 });
    await vi.waitFor(() => expect(main!.webContents.reloads).toBe(1), { timeout: 3_000 });
    expect(main!.webContents.listenerCount('before-input-event')).toBe(1);
    expect(powerSaveBlocker.started).toEqual(['prevent-display-sleep']);
    expect(session.defaultSession.permissionCheck!(null, 'geolocation', origin)).toBe(false);
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'http://127.0.0.1:9/updates/' }]);
    expect(updater.autoInstallOnAppQuit).toBe(false);

    // Quitting without the operator PIN is refused, and the player keeps running.
    const quit = new FakeEvent();
    app.emit('before-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    expect((await fetch(`${origin}/api/state`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    // A real quit (after the PIN) stops the core before the app goes.
    const willQuit = new FakeEvent();
    app.emit('will-quit', willQuit);
    expect(willQuit.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(app.exitCodes).toEqual([0]));
    await expect(fetch(`${origin}/api/state`)).rejects.toThrow();
    started = null; // already stopped
  });
});

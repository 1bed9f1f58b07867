import { afterEach, describe, expect, it, vi } from 'vitest';
import { app, BrowserWindow, resetFake } from './test-fakes/electron.ts';
import { showStartupError } from './startup-error.ts';

vi.mock('electron', () => import('./test-fakes/electron.ts'));

describe('showStartupError', () => {
  afterEach(() => vi.useRealTimers());

  it('shows the reason on screen in a locked-down window, escaped, then relaunches', async () => {
    resetFake();
    vi.useFakeTimers();
    showStartupError(new Error('/data/config.json: set "hubUrl" <script>alert(1)</script>'), 60_000);
    await vi.waitFor(() => expect(BrowserWindow.created).toHaveLength(1));
    const window = BrowserWindow.created[0]!;
    expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    const html = decodeURIComponent(window.webContents.url.replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(html).toContain('/data/config.json: set &#34;hubUrl&#34;');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(app.relaunches).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(app.relaunches).toBe(1);
    expect(app.exitCodes).toEqual([1]);
  });
});

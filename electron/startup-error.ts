import { app, BrowserWindow } from 'electron';
import { secureWebPreferences } from './security.ts';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The player could not start (no config yet, a bad value): say so on the
 * screen for the technician instead of staying black, and try again later.
 */
export function showStartupError(error: unknown, retryAfterMs = 60_000): void {
  const message = error instanceof Error ? error.message : String(error);
  const html = `<!doctype html><meta charset="utf-8"><title>Pano</title>
<style>body{margin:0;height:100vh;display:grid;place-items:center;background:#0b3d2e;color:#fff;font:3vmin system-ui}
main{max-width:70vw}h1{color:#ffd54f}code{font-size:2.4vmin;white-space:pre-wrap}</style>
<main><h1>Pano cannot start / Pano không khởi động được</h1><code>${escape(message)}</code>
<p>See docs/install.md. Retrying in ${Math.round(retryAfterMs / 1000)} s.</p></main>`;
  void app.whenReady().then(() => {
    const window = new BrowserWindow({ kiosk: true, frame: false, backgroundColor: '#0b3d2e', webPreferences: secureWebPreferences() });
    void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  });
  setTimeout(() => {
    app.relaunch();
    app.exit(1);
  }, retryAfterMs);
}

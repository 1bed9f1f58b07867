import { app, type WebContents } from 'electron';
import { NEVER_THROTTLED_FLAGS } from '../core/chromium/flags.ts';

/**
 * Nothing but Pano on the glass, as in the Chromium shell (core/chromium/flags.ts):
 * no desktop scrollbar, and a window's visibility (covered by another display's
 * window or a technician's) never throttles playback. Electron has no
 * translate UI. Must run before `app.whenReady()`.
 */
export function setupGlassSwitches(): void {
  for (const flag of [...NEVER_THROTTLED_FLAGS, '--hide-scrollbars']) app.commandLine.appendSwitch(flag.slice(2));
}

/**
 * The page hides the pointer with `cursor: none`, but Chromium applies a page's
 * cursor only once a mouse event reaches it; until then the X pointer stays in
 * the middle of the glass. One synthetic move after every load applies it.
 */
export function hidePointerOnLoad(contents: WebContents): void {
  contents.on('did-finish-load', () => contents.sendInputEvent({ type: 'mouseMove', x: 0, y: 0 }));
}

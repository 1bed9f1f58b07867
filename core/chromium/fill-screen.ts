import { z } from 'zod';
import { parseJsonText, parseUnknown } from '../../playlists/parse.ts';
import type { CdpSession } from './devtools.ts';

const Evaluated = z.looseObject({ result: z.looseObject({ value: z.string() }) });
const Sizes = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const WindowForTarget = z.looseObject({ windowId: z.number() });

/**
 * Without a window manager (plain xinit, Xvfb) `--kiosk` marks the window
 * fullscreen but leaves it at Chromium's default size, and where xrandr is
 * missing we could not pass `--window-size` either. Chromium knows its screen:
 * when the page is clearly smaller than it, size the window to the screen
 * over DevTools (normal → bounds → fullscreen, the only order X11 accepts).
 * Returns whether it had to. A window manager that honours kiosk mode leaves
 * nothing to do, so this never fights one.
 */
export async function fillScreen(session: CdpSession): Promise<boolean> {
  const reply = parseUnknown(
    Evaluated,
    await session.send('Runtime.evaluate', { expression: 'JSON.stringify([screen.width, screen.height, innerWidth, innerHeight])', returnByValue: true }),
    'screen size',
  );
  const [screenWidth, screenHeight, width, height] = parseUnknown(Sizes, parseJsonText(reply.result.value, 'screen size'), 'screen size');
  // A pixel or two short is X11 without a window manager even with --window-size; not worth a resize.
  if (width >= screenWidth - 2 && height >= screenHeight - 2) return false;
  const { windowId } = parseUnknown(WindowForTarget, await session.send('Browser.getWindowForTarget'), 'Browser.getWindowForTarget');
  await session.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal' } });
  await session.send('Browser.setWindowBounds', { windowId, bounds: { left: 0, top: 0, width: screenWidth, height: screenHeight } });
  await session.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'fullscreen' } });
  return true;
}

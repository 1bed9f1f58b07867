import { nextChange, whatPlays, type DisplayTarget, type ScreenHours } from '../../playlists/scheduler/index.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';

/** How many plan changes nextClosed walks before it gives up (a day of windows is a few dozen). */
const MAX_STEPS = 500;

/**
 * The screen is closed when it shows black: outside the signed schedule's
 * operating hours or the screen's own (device settings), the scheduler's own
 * rule, the one the page follows. No playlist (pairing, preparing) is not
 * closed: the page shows its waiting screen.
 */
export function closedAt(playlist: Playlist | undefined, at: number, timeZone: string, display: DisplayTarget, hours?: ScreenHours): boolean {
  return playlist !== undefined && whatPlays(playlist, new Date(at), timeZone, display, hours).kind === 'black';
}

/** How long the screen stays closed from `at` (0 when open), counted up to `capMs`. */
export function closedFor(playlist: Playlist | undefined, at: number, timeZone: string, display: DisplayTarget, capMs: number, hours?: ScreenHours): number {
  if (!closedAt(playlist, at, timeZone, display, hours)) return 0;
  // Black to black is no change: the next change is the opening.
  const opens = nextChange(playlist!, new Date(at), timeZone, display, hours)?.getTime() ?? Infinity;
  return Math.min(capMs, opens - at);
}

/** The first instant in (at, at + horizonMs] at which a closed stretch of at least `minMs` begins, or null. */
export function nextClosed(playlist: Playlist | undefined, at: number, timeZone: string, display: DisplayTarget, horizonMs: number, minMs: number, hours?: ScreenHours): number | null {
  // Only operating hours make a screen black: without any it never closes (and nextChange need not walk 400 days).
  if (!playlist || (!playlist.schedule.operatingHours && !hours)) return null;
  let t = at;
  for (let i = 0; i < MAX_STEPS; i++) {
    const change = nextChange(playlist, new Date(t), timeZone, display, hours)?.getTime();
    if (change === undefined || change > at + horizonMs) return null;
    if (closedFor(playlist, change, timeZone, display, minMs, hours) >= minMs) return change;
    t = change;
  }
  return null;
}

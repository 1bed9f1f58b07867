import { whatPlays, type ScreenHours } from '../../playlists/scheduler/index.ts';
import type { DisplayConfig } from '../../playlists/schemas/local-api.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';
import type { Heartbeat } from '../../playlists/schemas/reports.ts';
import type { Clock } from '../util/clock.ts';

/** A play gap counts as a stall only past this, whatever the items last (a kiosk visit pauses the loop). */
const MIN_PLAY_GAP_MS = 5 * 60_000;
const RELOADS_BEFORE_RESTART = 3;

interface DisplayPath {
  lastPostAt: number | null;
  lastPlayAt: number | null;
  held: number;
  /** Since when the schedule has wanted plays on this display without a break (null: it does not now). */
  playingSince: number | null;
  lastRecoveryAt: number;
  stalledSince: number | null;
  recoveries: number;
  /** Reloads since the page last proved alive. */
  attempts: number;
}

/**
 * How long a display may go without starting a play now: null when its
 * schedule plays nothing (black, idle) or an item's length is unknown.
 * Twice the longest item, and never under five minutes.
 */
export function maxPlayGap(playlist: Playlist | undefined, now: number, timeZone: string, display: DisplayConfig, hours?: ScreenHours): number | null {
  if (!playlist || whatPlays(playlist, new Date(now), timeZone, display, hours).kind !== 'play') return null;
  let longest = 0;
  for (const item of Object.values(playlist.items)) {
    const asset = 'asset' in item ? playlist.assets[item.asset] : undefined;
    const seconds = item.kind === 'ticker' ? (item.duration ?? 20) : (item.duration ?? asset?.durationSec);
    if (seconds === undefined) return null;
    longest = Math.max(longest, seconds);
  }
  return Math.max(MIN_PLAY_GAP_MS, 2 * longest * 1000);
}

export interface RendererPathOptions {
  displays: readonly DisplayConfig[];
  clock: Clock;
  timeZone: string;
  /** The screen's own opening hours (device settings): black outside them, so no plays are expected. */
  screenHours?(): ScreenHours;
  /** The playlist playing now (none while pairing or preparing), and the corrected time. */
  playlist(): Playlist | undefined;
  now(): number;
  /** Silence from a page longer than this is a stall (config rendererStallMs; pages post at least every 20 s). */
  stallMs: number;
  /** Whether pages are expected at all (a shell shows them; with --shell none nobody may be watching). */
  pagesExpected: boolean;
  reload(): Promise<void>;
  restart(): Promise<void>;
  stalled(why: string): void;
}

/**
 * The core's view of play events: every page posts (plays, or an empty batch
 * as a ping) on a timer, and starts plays while its schedule says play. A
 * display that goes silent, or plays nothing for longer than its items last,
 * has a page that stopped (a hung script, a broken path, a frozen engine): it
 * is reported in the heartbeat and the pages are reloaded (events wait in each
 * page's IndexedDB, so nothing is lost); after three reloads, the shell restarts.
 */
export class RendererPath {
  private readonly o: RendererPathOptions;
  private readonly paths = new Map<string, DisplayPath>();
  private timer: unknown;

  constructor(o: RendererPathOptions) {
    this.o = o;
    const now = o.clock.now();
    for (const d of o.displays) this.paths.set(d.id, { lastPostAt: null, lastPlayAt: null, held: 0, playingSince: null, lastRecoveryAt: now, stalledSince: null, recoveries: 0, attempts: 0 });
  }

  /** Starts the checks; returns the stop. */
  start(): () => void {
    const tick = () => {
      this.check();
      this.timer = this.o.clock.setTimeout(tick, this.every());
    };
    this.timer = this.o.clock.setTimeout(tick, this.every());
    return () => this.o.clock.clearTimeout(this.timer);
  }

  private gapMs(display: string): number | null {
    const d = this.o.displays.find((x) => x.id === display);
    return d ? maxPlayGap(this.o.playlist(), this.o.now(), this.o.timeZone, d, this.o.screenHours?.()) : null;
  }

  private every(): number {
    return Math.min(10_000, Math.max(250, Math.floor(this.o.stallMs / 4)));
  }

  /**
   * A page posted `sent` events: `display` as the page names it (its first
   * display when absent), `held` what it holds with them, `playStarts` how
   * many plays they start. A stall ends when the page has caught up.
   */
  posted(display: string | undefined, held: number, sent: number, playStarts: number): void {
    const p = this.paths.get(display ?? '') ?? this.paths.get(this.o.displays[0]?.id ?? '');
    if (!p) return;
    const now = this.o.clock.now();
    p.lastPostAt = now;
    p.held = held;
    if (playStarts > 0) p.lastPlayAt = now;
    if (p.stalledSince !== null && held <= sent && this.quiet(display ?? '', p, now) === null) {
      p.stalledSince = null;
      p.attempts = 0;
    }
  }

  /** Why the display counts as stalled now, or null. */
  private quiet(display: string, p: DisplayPath, now: number): string | null {
    const heard = Math.max(p.lastPostAt ?? 0, p.lastRecoveryAt);
    if (now - heard > this.o.stallMs) return `no post from the page of display ${display} for ${Math.round((now - heard) / 1000)} s`;
    const gap = p.playingSince === null ? null : this.gapMs(display);
    if (gap === null || p.playingSince === null) return null;
    const since = Math.max(p.lastPlayAt ?? 0, p.playingSince, p.lastRecoveryAt);
    if (now - since > gap) return `no play started on display ${display} for ${Math.round((now - since) / 1000)} s while its schedule plays`;
    return null;
  }

  check(): void {
    if (!this.o.pagesExpected) return;
    const now = this.o.clock.now();
    for (const [display, p] of this.paths) {
      if (this.gapMs(display) === null) p.playingSince = null;
      else p.playingSince ??= now;
      const why = this.quiet(display, p, now);
      if (why === null) continue;
      p.stalledSince ??= now;
      p.recoveries++;
      p.attempts++;
      // The page gets a fresh period to prove itself after each recovery.
      p.lastRecoveryAt = now;
      this.o.stalled(why);
      const restart = p.attempts > RELOADS_BEFORE_RESTART;
      if (restart) p.attempts = 0;
      void (restart ? this.o.restart() : this.o.reload()).catch(() => undefined);
    }
  }

  snapshot(): NonNullable<Heartbeat['playEvents']> {
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return [...this.paths].map(([display, p]) => ({
      display,
      lastPostAt: iso(p.lastPostAt),
      lastPlayAt: iso(p.lastPlayAt),
      held: p.held,
      stalled: p.stalledSince !== null,
      stalledSince: iso(p.stalledSince),
      recoveries: p.recoveries,
    }));
  }
}

import { nextChange, operatingAt, type DisplayTarget, type ScreenHours } from '../../playlists/scheduler/index.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';
import type { DisplayPowerState, PowerBackend } from '../../playlists/schemas/reports.ts';
import type { Clock } from '../util/clock.ts';
import type { PanelSwitch } from './switch.ts';

/** Even with no schedule edge ahead, look again this often (a clock set by hand, a failed switch to retry). */
const RECHECK_MS = 5 * 60_000;
/** A failing switch is retried after RECHECK_MS, then twice as late each time, up to this (a missing tool must not spawn a process every few minutes forever). */
const MAX_RETRY_MS = 60 * 60_000;

export interface DisplayPowerOptions {
  clock: Clock;
  /** The backend asked for now (device settings change it); read at every check. */
  backend(): PowerBackend;
  /** The panel switch of a backend; null for 'none'. */
  panelFor(backend: PowerBackend): PanelSwitch | null;
  /** The shell's own part (Electron's display-sleep blocker), when it has one. */
  shell?: ((on: boolean) => Promise<void>) | undefined;
  /** The playlist playing now (none while pairing or preparing: the panel stays on to show why). */
  playlist(): Playlist | undefined;
  /** The corrected time and the screen's zone: what the renderer decides black by. */
  now(): number;
  timeZone(): string;
  /** The screen's own opening hours (device settings), intersected with the schedule's; read at every check. */
  screenHours?(): ScreenHours;
  display(): DisplayTarget;
  /** How long `wake` holds the panel on outside operating hours. */
  wakeMs: number;
  changed(): void;
  failed(message: string): void;
}

/**
 * Switches the panel off when operating hours end and on when they begin
 * (operatingAt: the same rule the renderer turns the screen black by, the
 * schedule's hours ∩ the screen's own), or on
 * for a while after a `wake` command. One switch runs at a time; a failed one
 * leaves the state unknown and is tried again at the next check.
 */
export class DisplayPower {
  private readonly o: DisplayPowerOptions;
  private panel: PanelSwitch | null;
  private current: DisplayPowerState;
  private wokenUntil: number | null = null;
  private switching: Promise<void> = Promise.resolve();
  private target: boolean | null = null;
  /** The last switch failed: the next check tries again. */
  private failing = false;
  private reported: string | null = null;
  private retryMs = RECHECK_MS;
  private retryAt = 0;
  private timer: unknown;
  /** The playlist, zone and screen hours the timer was set for: other ones set it again (their edges differ). */
  private armedFor: [Playlist | undefined, string, ScreenHours] | null = null;
  private stopped = false;

  constructor(o: DisplayPowerOptions) {
    this.o = o;
    const backend = o.backend();
    this.panel = o.panelFor(backend);
    this.current = { state: 'unknown', backend, since: new Date(o.now()).toISOString(), lastError: null };
  }

  state(): DisplayPowerState {
    return { ...this.current, ...(this.wokenUntil !== null ? { wokenUntil: new Date(this.wokenUntil).toISOString() } : {}) };
  }

  start(): () => void {
    this.tick();
    return () => {
      this.stopped = true;
      this.o.clock.clearTimeout(this.timer);
    };
  }

  /** Another backend (the device settings changed it): the panel is switched again through it. */
  private follow(): boolean {
    const backend = this.o.backend();
    if (backend === this.current.backend) return false;
    this.panel = this.o.panelFor(backend);
    this.current = { ...this.current, backend, state: 'unknown', lastError: null };
    return true;
  }

  /** Something changed (a playlist adopted, the clock jumped): switch now if the wanted state moved. */
  check(): void {
    this.switchIf(false);
    const [playlist, zone, hours] = this.armedFor ?? [];
    if (playlist !== this.o.playlist() || zone !== this.o.timeZone() || hours !== this.hours()) this.arm();
  }

  /** A failed switch is tried again only by the timer (`retry`), backing off: check() runs at every state change. */
  private switchIf(retry: boolean): void {
    if (this.stopped) return;
    const moved = this.follow();
    const on = this.wanted();
    if (moved || on !== this.target || (retry && this.failing && this.o.now() >= this.retryAt)) void this.apply(on, moved);
  }

  /** The `wake` command: on now, until operating hours begin or wakeMs is up. */
  async wake(): Promise<string> {
    const now = this.o.now();
    const open = this.open(now);
    this.wokenUntil = open ? null : now + this.o.wakeMs;
    await this.apply(true, true);
    if (this.current.state !== 'on') throw new Error(this.current.lastError?.message ?? 'the panel did not switch on');
    this.arm();
    return open ? 'on (inside operating hours)' : `on until ${new Date(this.wokenUntil!).toISOString()}`;
  }

  private open(now: number): boolean {
    const playlist = this.o.playlist();
    return playlist === undefined || operatingAt(playlist, new Date(now), this.o.timeZone(), this.hours());
  }

  private hours(): ScreenHours {
    return this.o.screenHours?.();
  }

  private wanted(): boolean {
    const now = this.o.now();
    if (this.open(now)) {
      this.wokenUntil = null; // a wake ends when the hours begin: the next closing switches off as scheduled
      return true;
    }
    if (this.wokenUntil !== null && now >= this.wokenUntil) this.wokenUntil = null;
    return this.wokenUntil !== null;
  }

  private tick(): void {
    this.switchIf(true);
    this.arm();
  }

  private arm(): void {
    if (this.stopped) return;
    this.o.clock.clearTimeout(this.timer);
    const now = this.o.now();
    const playlist = this.o.playlist();
    this.armedFor = [playlist, this.o.timeZone(), this.hours()];
    const edge = playlist ? nextChange(playlist, new Date(now), this.o.timeZone(), this.o.display(), this.hours())?.getTime() : undefined;
    const due = Math.min(now + RECHECK_MS, edge ?? Infinity, this.wokenUntil ?? Infinity);
    this.timer = this.o.clock.setTimeout(() => this.tick(), Math.max(10, due - now));
  }

  /** Queues a switch; `again` sends it even when the panel should already be so (wake). */
  private apply(on: boolean, again = false): Promise<void> {
    if (on === this.target && !again && !this.failing) return this.switching;
    this.target = on;
    this.switching = this.switching.then(async () => {
      if (this.stopped || this.target !== on) return;
      let error: string | null = null;
      const panel = this.panel;
      for (const part of [panel, this.o.shell]) {
        if (part) await part(on).catch((e: unknown) => (error ??= String((e as Error).message ?? e).slice(0, 500)));
      }
      this.failing = error !== null;
      if (error === null) this.retryMs = RECHECK_MS;
      else {
        this.retryAt = this.o.now() + this.retryMs;
        this.retryMs = Math.min(2 * this.retryMs, MAX_RETRY_MS);
      }
      const at = new Date(this.o.now()).toISOString();
      const state = error !== null || !panel ? 'unknown' : on ? 'on' : 'off';
      if (state !== this.current.state) this.current = { ...this.current, state, since: at };
      if (error !== null) {
        this.current = { ...this.current, lastError: { message: error, at } };
        // A tool that keeps failing is reported once, not at every retry.
        if (error !== this.reported) this.o.failed(`display power ${on ? 'on' : 'off'} (${this.current.backend}): ${error}`);
      }
      this.reported = error;
      this.o.changed();
    });
    return this.switching;
  }
}

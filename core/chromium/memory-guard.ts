import type { DisplayTarget, ScreenHours } from '../../playlists/scheduler/index.ts';
import type { Heartbeat } from '../../playlists/schemas/reports.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';
import type { Clock } from '../util/clock.ts';
import { closedAt, closedFor, nextClosed } from './closed-hours.ts';
import { rendererLimitBytes, type RendererGuardConfig } from './guard-config.ts';
import type { TreeMemory } from './proc-memory.ts';

const MB = 1024 * 1024;
export type MaintenanceReason = 'memory' | 'daily';
type Waiting = 'closed' | 'item-end';

/** One Chromium run of one display, from its first reading to its restart. */
interface Run {
  pid: number;
  startedAt: number;
  /** Since when the screen has been open in this run (null: closed now). */
  openSince: number | null;
  baseline: { rendererBytes: number; totalBytes: number } | null;
  last: TreeMemory;
  /** Over its limit since then: a fresh start is due, at the right moment. */
  dueSince: number | null;
  waiting: Waiting | null;
}

export interface MemoryGuardOptions {
  cfg: RendererGuardConfig;
  displays: readonly DisplayTarget[];
  /** Run ages, timers (the core's clock). */
  clock: Clock;
  /** The schedule's view: the playlist playing now, the corrected time, the screen's zone. */
  playlist(): Playlist | undefined;
  now(): number;
  timeZone: string;
  /** The screen's own opening hours (device settings): closed outside them too. */
  screenHours?(): ScreenHours;
  /** Each display's browser process (Chromium shell); missing displays are not read. */
  pids(): Array<{ display: string; pid: number }>;
  read(pid: number): Promise<TreeMemory | null>;
  freshStart(display: string): Promise<void>;
  log(message: string): void;
  /** A fresh start was asked for (before it happens). */
  restarted?(maintenance: NonNullable<GuardReport['maintenance']>): void;
}

export type GuardReport = Pick<Heartbeat, 'rendererMemory' | 'maintenance'>;

/**
 * Bounds Chromium's memory by design, whatever its slope (docs/renderer.md,
 * "Memory over months"): every few minutes each display's process tree is
 * read from /proc; a run whose page renderer (or whole browser) grew past its
 * limit gets a fresh Chromium start, in closed hours when the schedule has
 * some within a day (black anyway), else right after an item ends (the page's
 * events say when). A run older than a day is started afresh in closed hours.
 * Play events wait in the page's IndexedDB, so a restart loses no record.
 */
export class MemoryGuard {
  private readonly o: MemoryGuardOptions;
  private readonly runs = new Map<string, Run>();
  private readonly busy = new Set<string>();
  private last: NonNullable<GuardReport['maintenance']> | null = null;
  private timer: unknown;

  constructor(o: MemoryGuardOptions) {
    this.o = o;
  }

  start(): () => void {
    const tick = () => {
      void this.check().finally(() => (this.timer = this.o.clock.setTimeout(tick, this.o.cfg.checkEveryMs)));
    };
    this.timer = this.o.clock.setTimeout(tick, this.o.cfg.checkEveryMs);
    return () => this.o.clock.clearTimeout(this.timer);
  }

  private target(display: string): DisplayTarget {
    return this.o.displays.find((d) => d.id === display) ?? { id: display, orientation: 'landscape' };
  }

  /** Reads every display and restarts the ones whose moment has come. */
  async check(): Promise<void> {
    for (const { display, pid } of this.o.pids()) {
      if (this.busy.has(display)) continue;
      const memory = await this.o.read(pid);
      if (!memory) continue;
      const run = this.observe(display, pid, memory);
      const reason = this.due(display, run);
      if (reason) await this.restart(display, run, reason);
    }
  }

  /** A play on `display` ended: the moment a 24-hour screen waits for. */
  itemEnded(display: string): void {
    const run = this.runs.get(display);
    if (!run || run.waiting !== 'item-end' || this.busy.has(display)) return;
    // The schedule may have changed since the last reading: closed hours near again win.
    if (this.moment(display) !== 'item-end') return;
    void this.restart(display, run, 'memory');
  }

  private observe(display: string, pid: number, memory: TreeMemory): Run {
    const now = this.o.clock.now();
    let run = this.runs.get(display);
    if (!run || run.pid !== pid) {
      // A new Chromium (ours, a crash recovery, a remote restart): a new baseline.
      run = { pid, startedAt: now, openSince: null, baseline: null, last: memory, dueSince: null, waiting: null };
      this.runs.set(display, run);
    }
    run.last = memory;
    const open = !closedAt(this.o.playlist(), this.o.now(), this.o.timeZone, this.target(display), this.o.screenHours?.());
    run.openSince = open ? (run.openSince ?? now) : null;
    // No renderer at this instant (the page is being replaced) is no baseline.
    if (run.baseline === null && run.openSince !== null && memory.rendererBytes > 0 && now - run.openSince >= this.o.cfg.baselineAfterMs) {
      run.baseline = { rendererBytes: memory.rendererBytes, totalBytes: memory.totalBytes };
      this.o.log(`renderer memory of display ${display}: baseline ${mb(memory.rendererBytes)} MB (browser ${mb(memory.totalBytes)} MB)`);
    }
    return run;
  }

  /** Why this run must start afresh now, or null (it may be left waiting for its moment). */
  private due(display: string, run: Run): MaintenanceReason | null {
    const { cfg } = this.o;
    const now = this.o.clock.now();
    const limit = rendererLimitBytes(cfg, run.baseline?.rendererBytes ?? null);
    const browserLimit = run.baseline ? run.baseline.totalBytes + cfg.browserGrowthMb * MB : Infinity;
    if (run.dueSince === null && (run.last.rendererBytes > limit || run.last.totalBytes > browserLimit)) {
      run.dueSince = now;
      this.o.log(
        `renderer memory of display ${display}: renderer ${mb(run.last.rendererBytes)} MB (limit ${mb(limit)}), browser ${mb(run.last.totalBytes)} MB (limit ${mb(browserLimit)}); a fresh start is due`,
      );
    }
    if (run.dueSince !== null) {
      const moment = this.moment(display);
      run.waiting = moment === 'now' ? null : moment;
      if (moment === 'now') return 'memory';
      if (moment === 'item-end' && now - run.dueSince >= cfg.itemEndWaitMs) return 'memory';
      return null;
    }
    if (cfg.dailyRestart && now - run.startedAt >= cfg.dailyAfterMs && this.moment(display) === 'now') return 'daily';
    return null;
  }

  /** When a fresh start may happen: now (closed long enough), at closing time (within the horizon), or at an item end. */
  private moment(display: string): 'now' | Waiting {
    const { cfg } = this.o;
    const [playlist, at, zone, target, hours] = [this.o.playlist(), this.o.now(), this.o.timeZone, this.target(display), this.o.screenHours?.()];
    if (closedFor(playlist, at, zone, target, cfg.minClosedMs, hours) >= cfg.minClosedMs) return 'now';
    return nextClosed(playlist, at, zone, target, cfg.closedHorizonMs, cfg.minClosedMs, hours) === null ? 'item-end' : 'closed';
  }

  private async restart(display: string, run: Run, reason: MaintenanceReason): Promise<void> {
    this.busy.add(display);
    const rendererMb = mb(run.last.rendererBytes);
    this.o.log(`renderer memory of display ${display}: fresh Chromium start (${reason}; renderer ${rendererMb} MB, run of ${Math.round((this.o.clock.now() - run.startedAt) / 60_000)} min)`);
    this.last = { display, at: new Date(this.o.now()).toISOString(), reason, rendererMb };
    this.o.restarted?.(this.last);
    try {
      await this.o.freshStart(display);
      this.runs.delete(display);
    } catch (error) {
      this.o.log(`renderer memory of display ${display}: the fresh start failed: ${(error as Error).message}`);
    } finally {
      this.busy.delete(display);
    }
  }

  report(): GuardReport {
    return {
      rendererMemory: [...this.runs].map(([display, r]) => ({
        display,
        rendererMb: mb(r.last.rendererBytes),
        browserMb: mb(r.last.totalBytes),
        baselineMb: r.baseline ? mb(r.baseline.rendererBytes) : null,
        limitMb: mb(rendererLimitBytes(this.o.cfg, r.baseline?.rendererBytes ?? null)),
        restartWaits: r.dueSince === null ? null : r.waiting,
      })),
      maintenance: this.last,
    };
  }
}

const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

import type { ScreenHours } from '../../playlists/scheduler/index.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';
import type { PlayRecord } from '../../playlists/schemas/reports.ts';
import type { CoreConfig } from '../config.ts';
import type { ShellPorts } from '../ports.ts';
import type { Clock } from '../util/clock.ts';
import { MemoryGuard, type GuardReport } from './memory-guard.ts';
import { readTreeMemory } from './proc-memory.ts';

/**
 * The memory guard as the core runs it: only under a shell that names its
 * browser processes (the Chromium shell), fed by the core's schedule view
 * and its play records (a completed play is an item end). Returns what the
 * heartbeat reports and the stop, or null when there is nothing to guard.
 */
export function startRendererGuard(o: {
  cfg: CoreConfig;
  ports: ShellPorts;
  clock: Clock;
  playlist(): Playlist | undefined;
  now(): number;
  /** The screen's own opening hours as the device settings have them now. */
  screenHours(): ScreenHours;
  onRecorded(fn: (record: PlayRecord) => void): () => void;
  restarted(maintenance: NonNullable<GuardReport['maintenance']>): void;
}): { report(): GuardReport; stop(): void } | null {
  const { ports } = o;
  if (!o.cfg.rendererGuard.enabled || !ports.browserPids || !ports.freshStart) return null;
  const guard = new MemoryGuard({
    cfg: o.cfg.rendererGuard,
    displays: o.cfg.displays,
    clock: o.clock,
    playlist: o.playlist,
    now: o.now,
    timeZone: o.cfg.timeZone,
    screenHours: o.screenHours,
    pids: () => ports.browserPids!(),
    read: (pid) => readTreeMemory(pid),
    freshStart: (display) => ports.freshStart!(display),
    log: () => undefined,
    restarted: o.restarted,
  });
  const stopTimer = guard.start();
  const off = o.onRecorded((r) => r.outcome === 'completed' && guard.itemEnded(r.display));
  return {
    report: () => guard.report(),
    stop: () => {
      off();
      stopTimer();
    },
  };
}

import type { Playlist } from '../../playlists/schemas/playlist.ts';
import type { PowerBackend } from '../../playlists/schemas/reports.ts';
import type { DisplayConfig } from '../../playlists/schemas/local-api.ts';
import type { OperatingHours } from '../../playlists/schemas/schedule.ts';
import type { ShellPorts } from '../ports.ts';
import type { Clock } from '../util/clock.ts';
import { DisplayPower } from './controller.ts';
import { defaultBackend, panelSwitch } from './switch.ts';

export { DisplayPower } from './controller.ts';

export interface DisplayPowerWiring {
  clock: Clock;
  ports: ShellPorts;
  env: NodeJS.ProcessEnv;
  /** The core's config as it is now (device settings change it). */
  cfg(): { power?: PowerBackend | undefined; wakeMs: number; timeZone: string; displays: DisplayConfig[]; operatingHours?: OperatingHours[] | undefined };
  playlist(): Playlist | undefined;
  now(): number;
  changed(): void;
  failed(message: string): void;
}

/** The core's display-power controller, wired to its config, playlist and shell. */
export function displayPower(w: DisplayPowerWiring): DisplayPower {
  return new DisplayPower({
    clock: w.clock,
    // The device's `power` setting, else the shell's default.
    backend: () => w.cfg().power ?? defaultBackend(w.ports.kind, w.env),
    panelFor: (backend) => panelSwitch(backend, w.env),
    shell: w.ports.power ? (on) => w.ports.power!(on) : undefined,
    playlist: w.playlist,
    now: w.now,
    timeZone: () => w.cfg().timeZone,
    screenHours: () => w.cfg().operatingHours,
    display: () => w.cfg().displays[0]!,
    wakeMs: w.cfg().wakeMs,
    changed: w.changed,
    failed: w.failed,
  });
}

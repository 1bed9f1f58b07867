import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { CoreConfig } from '../core/config.ts';
import { PanoError } from '../playlists/errors.ts';
import { parseJson, parseUnknown } from '../playlists/parse.ts';
import { Sha256Hex } from '../playlists/schemas/common.ts';
import { MaintenanceWindow } from './maintenance-window.ts';

/** What only the Electron shell reads: operator exit, updates. */
export const ShellSettings = z.strictObject({
  /** Absent: nothing leaves kiosk mode (power off is the only way out). */
  operatorExit: z
    .strictObject({
      /** Electron accelerator syntax, e.g. Control+Alt+Shift+Q. */
      chord: z.string().regex(/^((Control|Ctrl|Alt|Shift|Meta|Super|Command|Cmd)\+)+[A-Za-z0-9]$/, 'modifiers+key, e.g. Control+Alt+Shift+Q').default('Control+Alt+Shift+Q'),
      /** sha256 (hex) of the PIN, so the config file does not hold the PIN itself. */
      pinSha256: Sha256Hex,
    })
    .optional(),
  /** electron-updater "generic" feed (latest.yml + installers); default <hubUrl>/updates/. */
  updateUrl: z.url().optional(),
  updateCheckIntervalMs: z.int().min(60_000).default(60 * 60_000),
  maintenanceWindow: MaintenanceWindow.default({ start: '02:00', end: '05:00' }),
});
export type ShellSettings = z.infer<typeof ShellSettings>;

/** data/config.json, as `pano player` reads it (its `shell` key picks a shell there; Electron ignores it). */
const PlayerFile = z.looseObject({ shell: z.string().optional() });

export interface LoadedConfig {
  core: CoreConfig;
  shell: ShellSettings;
  /** The files read, for messages to the technician. */
  files: { core: string; shell: string };
}

async function readOptional(file: string, fallback: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
}

/**
 * The same data folder and config.json as `pano player` (pairing writes there
 * too), plus shell.json for what only the Electron shell reads. Data folder:
 * $PANO_DATA, else <userData>/data.
 */
export async function loadConfig(userData: string, env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  const dataDir = resolve(env.PANO_DATA ?? join(userData, 'data'));
  const files = { core: join(dataDir, 'config.json'), shell: join(dataDir, 'shell.json') };
  const { shell: _ignored, ...coreInput } = parseJson(PlayerFile, await readOptional(files.core, '{}'), files.core);
  // A root path in the config file is relative to the data folder, as for `pano player`.
  if (typeof coreInput.rootFile === 'string') coreInput.rootFile = resolve(dataDir, coreInput.rootFile);
  const core = parseUnknown(CoreConfig, { ...coreInput, dataDir }, files.core);
  if (!core.playlistUrl && !core.hubUrl) {
    throw new PanoError('SCHEMA_INVALID', `${files.core}: set "hubUrl" (to pair with a hub) or "playlistUrl" and "rootFile"`);
  }
  const shell = parseJson(ShellSettings, await readOptional(files.shell, '{}'), files.shell);
  return { core, shell, files };
}

export function updateFeedUrl(config: LoadedConfig): string | null {
  if (config.shell.updateUrl) return config.shell.updateUrl;
  return config.core.hubUrl ? new URL('updates/', config.core.hubUrl.endsWith('/') ? config.core.hubUrl : `${config.core.hubUrl}/`).href : null;
}

import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { PanoError } from '../../playlists/errors.ts';
import { parseJson, parseJsonText, parseUnknown } from '../../playlists/parse.ts';
import { CoreConfig } from '../../core/config.ts';

/** The config file in the data folder: CoreConfig without dataDir (pairing writes here too). */
export const PlayerFile = CoreConfig.omit({ dataDir: true }).partial().extend({ shell: z.enum(['none', 'chromium', 'electron', 'auto']).optional() });

export const DEFAULT_DATA_DIR = join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'pano');

/** PANO_* environment variables → config keys (strings; zod coerces below). */
const ENV: Record<string, keyof z.infer<typeof PlayerFile>> = {
  PANO_PLAYLIST_URL: 'playlistUrl',
  PANO_ROOT: 'rootFile',
  PANO_REPORT_URL: 'reportUrl',
  PANO_PUSH_URL: 'pushUrl',
  PANO_HUB: 'hubUrl',
  PANO_API_PORT: 'apiPort',
  PANO_TIME_ZONE: 'timeZone',
  PANO_LANGUAGE: 'language',
  PANO_TAGS: 'tags',
  PANO_SHELL: 'shell',
  PANO_DEVICE_TOKEN: 'deviceToken',
};

function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV)) {
    const v = env[name];
    if (v === undefined || v === '') continue;
    out[key] = key === 'apiPort' ? Number(v) : key === 'tags' ? v.split(',').map((t) => t.trim()).filter(Boolean) : v;
  }
  return out;
}

type Layer = Partial<z.infer<typeof PlayerFile>>;

/** zod fills defaults into every layer; keep only the keys this layer really set, so lower layers show through. */
function onlyGiven(parsed: z.infer<typeof PlayerFile>, raw: object): Layer {
  const keys = new Set(Object.keys(raw));
  return Object.fromEntries(Object.entries(parsed).filter(([k]) => keys.has(k))) as Layer;
}

/**
 * Layers, lowest first: data/config.json, PANO_* environment, flags. Each
 * layer is parsed on its own so an error names where the bad value came from.
 */
export async function loadPlayerConfig(dataDir: string, flags: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env) {
  const path = join(dataDir, 'config.json');
  let file: Layer = {};
  try {
    const text = await readFile(path, 'utf8');
    file = onlyGiven(parseJson(PlayerFile, text, path), parseJsonText(text, path) as object);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const rawEnv = fromEnv(env);
  const envLayer = onlyGiven(parseUnknown(PlayerFile, rawEnv, 'PANO_* environment'), rawEnv);
  const flagLayer = onlyGiven(parseUnknown(PlayerFile, flags, 'flags'), flags);
  const merged = { ...file, ...envLayer, ...flagLayer };
  const { shell = 'auto', ...core }: Layer = merged;
  // A root path from the config file is relative to the data folder; from flags, to the working folder.
  if (core.rootFile && !flagLayer.rootFile && !envLayer.rootFile) core.rootFile = resolve(dataDir, core.rootFile);
  const config = parseUnknown(CoreConfig, { ...core, dataDir }, 'player config');
  if (!config.playlistUrl && !config.hubUrl) throw new PanoError('SCHEMA_INVALID', 'give --playlist-url URL (with --root root.json), or --hub URL to pair');
  return { config, shell };
}

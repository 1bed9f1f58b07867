import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJsonText } from '../../playlists/parse.ts';
import { writeFileAtomic } from '../util/fs-atomic.ts';

/**
 * Profile preferences of a kiosk Chromium, written before every launch.
 * Chromium 156 ignores `--disable-features=Translate` for its translate
 * bubble; the profile preference `translate.enabled` (the one the settings
 * page toggles) is what turns it off. `exit_type: Normal` keeps a kill -9
 * or a power cut from offering to "restore pages" on the next start.
 */
export const KIOSK_PREFERENCES = {
  translate: { enabled: false },
  profile: { exit_type: 'Normal', exited_cleanly: true },
  browser: { check_default_browser: false },
  credentials_enable_service: false,
} as const;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `ours` over `theirs`, object by object: Chromium's own keys (window placement, caches) stay. */
export function mergePreferences(theirs: Json, ours: Json): Json {
  const out: Json = { ...theirs };
  for (const [key, value] of Object.entries(ours)) {
    const current = out[key];
    out[key] = isObject(value) && isObject(current) ? mergePreferences(current, value) : value;
  }
  return out;
}

/** Writes the kiosk preferences into <userDataDir>/Default/Preferences, keeping what Chromium stored there. */
export async function writeKioskPreferences(userDataDir: string): Promise<void> {
  const dir = join(userDataDir, 'Default');
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'Preferences');
  let existing: Json = {};
  try {
    const parsed = parseJsonText(await readFile(file, 'utf8'), 'Chromium preferences');
    if (isObject(parsed)) existing = parsed;
  } catch {
    // First start, or a file torn by a power cut: Chromium would reset it anyway.
  }
  await writeFileAtomic(file, JSON.stringify(mergePreferences(existing, KIOSK_PREFERENCES as unknown as Json)));
}

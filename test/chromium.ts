import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/**
 * The system Chromium: $PANO_CHROMIUM (or $CHROMIUM_PATH) if set, else the first
 * known name on PATH. Throws with the install command when none is found.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.PANO_CHROMIUM ?? env.CHROMIUM_PATH;
  if (explicit) return explicit;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of NAMES) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  throw new Error('No Chromium found. Install it (Debian: apt-get install chromium) or set PANO_CHROMIUM=/path/to/chromium.');
}

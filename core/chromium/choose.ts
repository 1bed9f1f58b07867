import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

export type ShellRequest = 'auto' | 'electron' | 'chromium' | 'none';

export interface ShellChoice {
  shell: 'electron' | 'chromium' | 'none';
  /** The executable to start (absent for `none`). */
  binary?: string;
  /** One line for the operator: what was chosen and why. */
  reason: string;
}

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** $PANO_CHROMIUM (or $CHROMIUM_PATH), else the first known name on PATH; null when none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env.PANO_CHROMIUM ?? env.CHROMIUM_PATH;
  if (explicit) return isExecutable(explicit) ? explicit : null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of CHROMIUM_NAMES) {
      if (dir && isExecutable(join(dir, name))) return join(dir, name);
    }
  }
  return null;
}

/**
 * The Electron binary installed by the `electron` npm package, or null.
 * Never `require('electron')` here: outside Electron that module tries to
 * download the binary when it is missing.
 */
export function findElectron(env: NodeJS.ProcessEnv = process.env, resolveFrom: string = import.meta.url): string | null {
  if (env.PANO_ELECTRON) return isExecutable(env.PANO_ELECTRON) ? env.PANO_ELECTRON : null;
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(resolveFrom).resolve('electron/package.json'));
  } catch {
    return null;
  }
  let relative: string;
  try {
    relative = readFileSync(join(packageDir, 'path.txt'), 'utf8').trim();
  } catch {
    return null; // the package is there for its types; its binary was never downloaded
  }
  const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist'), relative);
  return relative && isExecutable(binary) ? binary : null;
}

/**
 * Why no window can open here, or null: on Linux a kiosk needs an X or
 * Wayland session. Without one Chromium exits at once ("The platform failed
 * to initialize") and a shell that restarts it would do so forever.
 */
export function displayProblem(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, socketExists: (path: string) => boolean = existsSync): string | null {
  if (platform === 'darwin' || platform === 'win32') return null;
  if (env.WAYLAND_DISPLAY) return null;
  if (!env.DISPLAY) return 'no display here (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  const local = /^:(\d+)(\.\d+)?$/.exec(env.DISPLAY);
  if (local && !socketExists(`/tmp/.X11-unix/X${local[1]}`)) return `no X server answers on DISPLAY=${env.DISPLAY}`;
  return null;
}

export interface ChooseShellDeps {
  findElectron(): string | null;
  findChromium(): string | null;
}

const defaultDeps: ChooseShellDeps = { findElectron: () => findElectron(), findChromium: () => findChromium() };

/** `pano player --shell <requested>`: Electron when its binary is installed, else the system Chromium. */
export function chooseShell(requested: ShellRequest, deps: ChooseShellDeps = defaultDeps): ShellChoice {
  if (requested === 'none') return { shell: 'none', reason: 'shell none: no window, the core runs headless' };
  const electron = requested === 'chromium' ? null : deps.findElectron();
  if (electron) return { shell: 'electron', binary: electron, reason: `using Electron (${electron})` };
  if (requested === 'electron') {
    throw new Error('--shell electron: the Electron binary is not installed (node_modules/electron has no dist/). Run `npx install-electron` where the network allows it, or use --shell chromium.');
  }
  const chromium = deps.findChromium();
  if (chromium) {
    const why = requested === 'auto' ? 'the Electron binary is not installed, so ' : '';
    return { shell: 'chromium', binary: chromium, reason: `${why}using the system Chromium (${chromium})` };
  }
  throw new Error(
    `--shell ${requested}: ${requested === 'auto' ? 'neither Electron nor Chromium is installed' : 'no Chromium found'}. Install Chromium (Debian/Ubuntu: apt install chromium) or set PANO_CHROMIUM=/path/to/chromium.`,
  );
}

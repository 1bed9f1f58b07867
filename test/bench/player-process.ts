/**
 * The real player process for start-up figures: `node cli/pano.js player`
 * on an existing (warm) data folder, as an installer's service would start it
 * (`--shell none` unless told). Resolves with the display URL it prints once
 * the core is ready.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CoreConfigInput } from '../../core/config.ts';

const PANO = fileURLToPath(new URL('../../cli/pano.js', import.meta.url));

export interface PlayerProcess {
  /** The local URL of display `main`, from the process's own output. */
  url: string;
  stop(): Promise<void>;
}

export function spawnPlayer(config: CoreConfigInput, opts: { shell?: 'none' | 'chromium'; env?: NodeJS.ProcessEnv } = {}): Promise<PlayerProcess> {
  const args = [PANO, 'player', '--shell', opts.shell ?? 'none', '--data', config.dataDir, '--api-port', '0'];
  if (config.playlistUrl) args.push('--playlist-url', config.playlistUrl);
  if (config.rootFile) args.push('--root', config.rootFile);
  if (config.timeZone) args.push('--time-zone', config.timeZone);
  // PANO_* variables of the machine running the bench must not leak into the player's settings.
  const env = Object.fromEntries(Object.entries(opts.env ?? process.env).filter(([k]) => !k.startsWith('PANO_')));
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4_000)));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /display main: (\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, stop: async () => (child.kill('SIGTERM'), await exited) });
    });
    void exited.then(() => reject(new Error(`pano player exited before it served (stderr: ${err.trim()})`)));
  });
}

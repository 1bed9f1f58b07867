/**
 * Starts the Electron shell for `pano player --shell auto|electron` and
 * `npm start`. The Electron app embeds its own core and reads the same data
 * folder (PANO_DATA) and config.json as `pano player`, so the caller's
 * settings are written there first. Builds only what is stale, then runs the
 * binary findElectron() names ($PANO_ELECTRON or node_modules/electron).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { findElectron } from '../core/chromium/index.ts';
import { parseJson } from '../playlists/parse.ts';
import { ensureRendererBuilt, newest } from './demo/bundles.ts';

const ROOT = join(import.meta.dirname, '..');
const MAIN = join(ROOT, 'dist', 'electron', 'main.js');
/** Any JSON object: the file's own keys (shell, pairing credentials) are kept as they are. */
const ConfigFile = z.record(z.string(), z.unknown());

export interface ElectronShell {
  binary: string;
  child: ChildProcess;
  /** Exit code (1 when killed by a signal other than ours). */
  exited: Promise<number>;
  stop(): Promise<void>;
}

async function ensureElectronBuilt(log: (line: string) => void): Promise<void> {
  if (existsSync(MAIN)) {
    const built = (await stat(MAIN)).mtimeMs;
    const sources = Math.max(...(await Promise.all(['electron', 'core', 'playlists'].map((d) => newest(join(ROOT, d))))));
    if (built >= sources) return;
  }
  log('building the Electron main process (rolldown)…');
  const rolldown = join(ROOT, 'node_modules', 'rolldown', 'bin', 'cli.mjs');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [rolldown, '-c', join(ROOT, 'build', 'rolldown.electron.config.js')], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Electron build failed (exit ${code})`))));
  });
}

/** Merges `settings` into DIR/config.json, builds what is stale and starts Electron; null when its binary is not installed. */
export async function startElectronShell(options: {
  dataDir: string;
  settings: Record<string, unknown>;
  log: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}): Promise<ElectronShell | null> {
  const env = options.env ?? process.env;
  const binary = findElectron(env);
  if (!binary) return null;
  await mkdir(options.dataDir, { recursive: true });
  const configFile = join(options.dataDir, 'config.json');
  const existing = existsSync(configFile) ? parseJson(ConfigFile, await readFile(configFile, 'utf8'), configFile) : {};
  await writeFile(configFile, JSON.stringify({ ...existing, ...options.settings }, null, 2));
  await ensureRendererBuilt(options.log);
  await ensureElectronBuilt(options.log);
  const child = spawn(binary, [MAIN], { cwd: ROOT, env: { ...env, PANO_DATA: options.dataDir }, stdio: 'inherit' });
  const exited = new Promise<number>((resolve) => {
    child.once('error', (error) => {
      options.log(`Electron could not start: ${error.message}`);
      resolve(1);
    });
    child.once('exit', (code) => resolve(code ?? 1));
  });
  return {
    binary,
    child,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

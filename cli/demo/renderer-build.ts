/**
 * `npm start` builds what is needed: the renderer bundle, when it is missing
 * or older than any of its sources. A fresh clone builds once (a few seconds).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const RENDERER = join(ROOT, 'renderer');
const PLAYLISTS = join(ROOT, 'playlists');
const BUILT = join(RENDERER, 'dist', 'index.html');

export async function newest(dir: string): Promise<number> {
  let latest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? await newest(path) : (await stat(path)).mtimeMs);
  }
  return latest;
}

export async function ensureRendererBuilt(log: (line: string) => void): Promise<void> {
  if (existsSync(BUILT)) {
    const built = (await stat(BUILT)).mtimeMs;
    if (built >= Math.max(await newest(RENDERER), await newest(PLAYLISTS))) return;
  }
  log('building the renderer (vite)…');
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', join(RENDERER, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`renderer build failed (exit ${code})`))));
  });
}

/**
 * `npm start` builds what is needed: the renderer bundle (the screens) and
 * the studio (the operators' app the hub serves), each when it is missing or
 * older than any of its sources. A fresh clone builds once (a few seconds).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export async function newest(dir: string): Promise<number> {
  let latest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? await newest(path) : (await stat(path)).mtimeMs);
  }
  return latest;
}

/** Builds `folder` with its vite.config.ts unless its dist/index.html is newer than every file of `sources`. */
async function ensureBuilt(folder: string, sources: readonly string[], log: (line: string) => void): Promise<void> {
  const dir = join(ROOT, folder);
  const built = join(dir, 'dist', 'index.html');
  if (existsSync(built)) {
    const at = (await stat(built)).mtimeMs;
    const latest = Math.max(...(await Promise.all(sources.map((s) => newest(join(ROOT, s))))));
    if (at >= latest) return;
  }
  log(`building the ${folder} (vite)…`);
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', join(dir, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${folder} build failed (exit ${code})`))));
  });
}

export const ensureRendererBuilt = (log: (line: string) => void) => ensureBuilt('renderer', ['renderer', 'playlists'], log);

/** The studio imports playlists/ and the renderer's engine (its preview). */
export const ensureStudioBuilt = (log: (line: string) => void) => ensureBuilt('studio', ['studio', 'playlists', 'renderer'], log);

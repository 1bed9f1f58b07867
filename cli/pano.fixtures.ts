import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The CLI as operators and approvers run it, for the CLI's tests: a real Node
 * process (process.execPath is the Node that runs vitest, so it strips types
 * like `npx pano` does) in the test's folder.
 */
export const PANO = join(import.meta.dirname, 'pano.js');
export const EXAMPLE = join(import.meta.dirname, '..', 'playlists', 'examples', 'minimal.json');

export function runPano(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [PANO, ...args], { cwd, encoding: 'utf8', timeout: 15_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `npm run electron`: the Electron shell from this checkout. Runs under plain
 * Node: finds the Electron binary without `require('electron')` (which would
 * try to download it), bundles the main process, and starts it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { findElectron } from '../core/chromium/choose.ts';

const root = resolve(import.meta.dirname, '..');
const electron = findElectron();
if (!electron) {
  console.error(
    [
      'The Electron binary is not installed: node_modules/electron holds only its types here.',
      'Electron downloads its binary from GitHub, outside the npm registry; where that is allowed run',
      '  npx install-electron   (or: ELECTRON_MIRROR=<your mirror> npx install-electron)',
      'or point PANO_ELECTRON at an Electron executable. Without it, the player runs in the system',
      'Chromium instead:  npm run pano -- player --shell chromium',
    ].join('\n'),
  );
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
for (const script of ['build:renderer', 'build:electron']) {
  const built = spawnSync(npm, ['run', script], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const child = spawn(electron, [resolve(root, 'dist/electron/main.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));

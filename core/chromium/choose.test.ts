import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseShell, displayProblem, findChromium, findElectron } from './choose.ts';

const has = (electron: string | null, chromium: string | null) => ({ findElectron: () => electron, findChromium: () => chromium });

describe('chooseShell', () => {
  it('auto prefers Electron when its binary is installed', () => {
    expect(chooseShell('auto', has('/e/electron', '/usr/bin/chromium'))).toMatchObject({ shell: 'electron', binary: '/e/electron' });
  });

  it('auto falls back to Chromium and says why', () => {
    const choice = chooseShell('auto', has(null, '/usr/bin/chromium'));
    expect(choice).toMatchObject({ shell: 'chromium', binary: '/usr/bin/chromium' });
    expect(choice.reason).toMatch(/Electron binary is not installed.*Chromium/);
  });

  it('chromium is honoured even when Electron is present', () => {
    expect(chooseShell('chromium', has('/e/electron', '/usr/bin/chromium')).shell).toBe('chromium');
  });

  it('electron without its binary is a clear error', () => {
    expect(() => chooseShell('electron', has(null, '/usr/bin/chromium'))).toThrow(/Electron binary is not installed/);
  });

  it('finds no display without DISPLAY or WAYLAND_DISPLAY, or when no X server listens on a local one', () => {
    const none = () => false;
    const all = () => true;
    expect(displayProblem({}, 'linux', all)).toMatch(/neither DISPLAY nor WAYLAND_DISPLAY/);
    expect(displayProblem({ DISPLAY: ':7' }, 'linux', none)).toBe('no X server answers on DISPLAY=:7');
    expect(displayProblem({ DISPLAY: ':7' }, 'linux', (p) => p === '/tmp/.X11-unix/X7')).toBeNull();
    expect(displayProblem({ DISPLAY: 'host:0' }, 'linux', none)).toBeNull();
    expect(displayProblem({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux', none)).toBeNull();
    expect(displayProblem({}, 'win32', none)).toBeNull();
  });

  it('auto with no browser at all names the install command', () => {
    expect(() => chooseShell('auto', has(null, null))).toThrow(/apt install chromium/);
  });

  it('none needs nothing', () => {
    expect(chooseShell('none', has(null, null)).shell).toBe('none');
  });
});

describe('finding binaries', () => {
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('finds Chromium on PATH and ignores non-executables', () => {
    const dir = tempDir('pano-path-');
    writeFileSync(join(dir, 'chromium-browser'), '#!/bin/sh\n');
    expect(findChromium({ PATH: dir })).toBeNull();
    chmodSync(join(dir, 'chromium-browser'), 0o755);
    expect(findChromium({ PATH: dir })).toBe(join(dir, 'chromium-browser'));
  });

  it('finds Electron only when the npm package downloaded its binary', () => {
    const root = tempDir('pano-electron-');
    const pkg = join(root, 'node_modules', 'electron');
    mkdirSync(join(pkg, 'dist'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"name":"electron","version":"45.0.0"}');
    const from = join(root, 'main.js');
    expect(findElectron({}, from)).toBeNull(); // types only: no path.txt
    writeFileSync(join(pkg, 'path.txt'), 'electron');
    expect(findElectron({}, from)).toBeNull(); // path.txt but the binary is missing
    writeFileSync(join(pkg, 'dist', 'electron'), '#!/bin/sh\n');
    chmodSync(join(pkg, 'dist', 'electron'), 0o755);
    expect(findElectron({}, from)).toBe(join(pkg, 'dist', 'electron'));
    expect(findElectron({ PANO_ELECTRON: '/nonexistent/electron' }, from)).toBeNull();
  });
});

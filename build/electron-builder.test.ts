import { accessSync, constants, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { build } from 'rolldown';
import { describe, expect, it } from 'vitest';
import rolldownConfig from './rolldown.electron.config.js';

// The packaging configuration, checked without Electron's binary (which
// `npm run dist` needs and this network cannot download).
const ROOT = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const config = JSON.parse(read('build/electron-builder.json'));

/** `key=value` lines of an INI-like file (desktop entry, systemd unit). */
const ini = (text: string) => Object.fromEntries(text.split('\n').filter((l) => /^[A-Za-z-]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

describe('electron-builder configuration', () => {
  it('is accepted by electron-builder itself', async () => {
    const require = createRequire(join(ROOT, 'package.json'));
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('names the product and builds AppImage, deb and NSIS', () => {
    expect(config.appId).toBe('vn.pano.player');
    expect(config.productName).toBe('Pano');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.asar).toBe(true);
  });

  it('burns the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('packs the bundled main process and the renderer that it points at', () => {
    expect(config.extraMetadata.main).toBe(rolldownConfig.output.file);
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'renderer/dist/**']));
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.scripts.dist).toContain('--config build/electron-builder.json');
    expect(pkg.scripts.dist).toContain('build:electron');
  });

  it('bundles electron/main.ts into one ES module that leaves Electron to Electron', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pano-bundle-'));
    const file = join(dir, 'main.js');
    await build({ ...rolldownConfig, cwd: ROOT, output: { ...rolldownConfig.output, file, sourcemap: false } });
    const bundle = readFileSync(file, 'utf8');
    rmSync(dir, { recursive: true, force: true });
    expect(bundle).toMatch(/^import .* from "electron";$/m);
    expect(bundle).toMatch(/^import \w+ from "electron-updater";$/m);
    // The core is inside; nothing TypeScript-only or test-only is.
    expect(bundle).toContain('createPlayerCore');
    expect(bundle).not.toMatch(/from "\.\.?\/[^"]+\.ts"/);
    expect(bundle).not.toContain('test-fakes');
  });

  it('ships the autostart files and installs them on Debian/Ubuntu', () => {
    const shipped = config.extraResources.find((r: { from: string }) => r.from === 'build/linux');
    expect(shipped.filter).toEqual(expect.arrayContaining(['pano.desktop', 'pano-player.service']));
    const afterInstall = read(config.deb.afterInstall);
    expect(afterInstall).toContain('/etc/xdg/autostart/pano.desktop');
    expect(afterInstall).toContain('/usr/lib/systemd/user/pano-player.service');
    for (const script of [config.deb.afterInstall, config.deb.afterRemove]) accessSync(join(ROOT, script), constants.X_OK);
  });

  it('points the autostart entry and the systemd unit at the installed executable', () => {
    const installed = `/opt/${config.productName}/${config.linux.executableName}`;
    const desktop = ini(read('build/linux/pano.desktop'));
    expect(read('build/linux/pano.desktop').startsWith('[Desktop Entry]')).toBe(true);
    expect(desktop).toMatchObject({ Type: 'Application', Exec: installed, Terminal: 'false' });
    const unit = ini(read('build/linux/pano-player.service'));
    expect(unit).toMatchObject({ ExecStart: installed, Restart: 'always', WantedBy: 'graphical-session.target', StartLimitIntervalSec: '0' });
    const chromiumUnit = ini(read('build/linux/pano-player-chromium.service'));
    expect(chromiumUnit.ExecStart).toContain('--shell chromium');
    expect(chromiumUnit.Restart).toBe('always');
  });

  it('has the icon set, square, at every size', () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = PNG.sync.read(readFileSync(join(ROOT, 'build/icons', `${size}x${size}.png`)));
      expect([png.width, png.height]).toEqual([size, size]);
    }
    expect(config.win.icon).toBe('build/icons/512x512.png');
    expect(config.linux.icon).toBe('build/icons');
  });
});

import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOrigin, type Origin } from '../../test/fixtures/core-origin.ts';
import { publish, publisher, rootKey, tempDir } from '../../test/fixtures/core-harness.ts';
import { rootEnvelope } from '../../test/fixtures/core-signing.ts';
import { loadPlayerConfig } from './player-config.ts';

const PANO = join(import.meta.dirname, '..', 'pano.js');
let origin: Origin;
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  origin = await startOrigin();
  dir = await tempDir();
});
afterEach(async () => {
  await origin.close();
  await dir.cleanup();
});

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, [PANO, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('pano player / pano status', () => {
  it('layers config file < environment < flags', async () => {
    await writeFile(join(dir.dir, 'config.json'), JSON.stringify({ playlistUrl: 'http://file.example/p.json', apiPort: 1111, timeZone: 'Asia/Bangkok', rootFile: 'root.json' }));
    const { config, shell } = await loadPlayerConfig(dir.dir, { apiPort: 3333 }, { PANO_API_PORT: '2222', PANO_PLAYLIST_URL: 'http://env.example/p.json', PANO_SHELL: 'chromium' });
    expect(config).toMatchObject({ playlistUrl: 'http://env.example/p.json', apiPort: 3333, timeZone: 'Asia/Bangkok', rootFile: join(dir.dir, 'root.json') });
    expect(shell).toBe('chromium');
    await expect(loadPlayerConfig(dir.dir, { apiPort: 'x' }, {})).rejects.toThrow(/flags is invalid: apiPort/);
  });

  it('runs headless, adopts, and `pano status` prints the state', async () => {
    publish(origin, { version: 2 });
    const root = join(dir.dir, 'root.json');
    await writeFile(root, rootEnvelope(1, [rootKey], [publisher]));
    const data = join(dir.dir, 'data');
    const child = run(['player', '--playlist-url', `${origin.url}/c/playlist.json`, '--root', root, '--data', data, '--api-port', '0', '--shell', 'none']);
    const lines = createInterface({ input: child.stdout });
    const seen: string[] = [];
    for await (const line of lines) {
      seen.push(line);
      if (line.startsWith('adopted')) break;
    }
    expect(seen.join('\n')).toMatch(/display main: http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}&display=main/);
    expect(seen.at(-1)).toBe('adopted lobby v2');
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
    const status = run(['status', '--data', data]);
    let out = '';
    for await (const chunk of status.stdout) out += String(chunk);
    const parsed = JSON.parse(out);
    expect(parsed.state).toMatchObject({ phase: 'ready', playlist: { channel: 'lobby', version: 2 } });
  });

  it('--shell chromium launches Chromium on the final URL before the core is ready, and its first request is answered', async () => {
    publish(origin, { version: 2 });
    const root = join(dir.dir, 'root.json');
    await writeFile(root, rootEnvelope(1, [rootKey], [publisher]));
    const data = join(dir.dir, 'data');
    // A stand-in Chromium: notes when it started and with which URL, then asks for the state as the page would.
    const rec = join(dir.dir, 'chromium');
    const fake = join(dir.dir, 'fake-chromium');
    const page = `const u = process.argv.at(-1); const r = await fetch(u, { redirect: 'manual' }); const cookie = r.headers.get('set-cookie').split(';')[0]; const s = await fetch(new URL('/api/state', u), { headers: { cookie } }); console.log(s.status, (await s.json()).phase);`;
    await writeFile(
      fake,
      `#!/bin/sh\ndate +%s%3N > "${rec}.start"\nfor a in "$@"; do case "$a" in --app=*) url="\${a#--app=}";; esac; done\necho "$url" > "${rec}.url"\n"$PANO_TEST_NODE" --input-type=module -e "${page.replaceAll('"', '\\"')}" "$url" > "${rec}.state" 2>&1\nsleep 60\n`,
      { mode: 0o755 },
    );
    const child = run(['player', '--playlist-url', `${origin.url}/c/playlist.json`, '--root', root, '--data', data, '--api-port', '0', '--shell', 'chromium'], {
      PANO_CHROMIUM: fake,
      PANO_TEST_NODE: process.execPath,
      DISPLAY: '',
    });
    let shown = '';
    let readyAt = 0;
    for await (const line of createInterface({ input: child.stdout })) {
      const m = /display main: (\S+)/.exec(line);
      if (m) {
        readyAt = Date.now();
        shown = m[1]!;
        break;
      }
    }
    const state = async (): Promise<string> => (await readFile(`${rec}.state`, 'utf8').catch(() => '')).trim();
    await expect.poll(state, { timeout: 15_000 }).toMatch(/^200 (preparing|ready)$/);
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.on('exit', r))).toBe(0);
    expect((await readFile(`${rec}.url`, 'utf8')).trim()).toBe(shown);
    // The core prints its URL once it is ready: Chromium was already on its way.
    expect(Number(await readFile(`${rec}.start`, 'utf8'))).toBeLessThan(readyAt);
  }, 60_000);

  it('--shell auto starts the Electron shell when its binary is installed, says so, and hands it the settings', async () => {
    // A stand-in Electron: records its arguments and environment, then exits like a closed app.
    const fake = join(dir.dir, 'fake-electron');
    const record = join(dir.dir, 'electron-run.txt');
    await writeFile(fake, `#!/bin/sh\nprintf 'arg %s\\n' "$@" > "${record}"\nprintf 'PANO_DATA %s\\n' "$PANO_DATA" >> "${record}"\n`, { mode: 0o755 });
    const data = join(dir.dir, 'data');
    const child = run(['player', '--hub', 'http://127.0.0.1:9', '--data', data, '--tag', 'lobby', '--shell', 'auto'], { PANO_ELECTRON: fake, PANO_SHELL: '' });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((r) => child.on('exit', r));
    expect({ code, err }).toMatchObject({ code: 0 });
    expect(out).toContain(`shell: using Electron (${fake})`);
    const lines = (await readFile(record, 'utf8')).trim().split('\n');
    expect(lines).toEqual([`arg ${join(import.meta.dirname, '..', '..', 'dist', 'electron', 'main.js')}`, `PANO_DATA ${data}`]);
    // Electron reads its settings from DIR/config.json: the flags given here must be there.
    const written = JSON.parse(await readFile(join(data, 'config.json'), 'utf8'));
    expect(written).toMatchObject({ hubUrl: 'http://127.0.0.1:9', tags: ['lobby'] });
    expect(written).not.toHaveProperty('dataDir');
  }, 120_000);

  it('--shell electron without the binary is a usage error that says how to install it', async () => {
    const child = run(['player', '--hub', 'http://127.0.0.1:9', '--data', join(dir.dir, 'data'), '--shell', 'electron'], { PANO_ELECTRON: join(dir.dir, 'missing') });
    const code = new Promise((r) => child.on('exit', r));
    let err = '';
    for await (const chunk of child.stderr) err += String(chunk);
    expect(await code).toBe(2);
    expect(err).toMatch(/Electron binary is not installed.*install-electron/);
  });

  it('explains a missing playlist URL', async () => {
    const child = run(['player', '--data', join(dir.dir, 'x')], { PANO_PLAYLIST_URL: '', PANO_HUB: '' });
    let err = '';
    for await (const chunk of child.stderr) err += String(chunk);
    expect(err).toMatch(/--playlist-url/);
  });
});

import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { ApiSocket } from '../../core/api/socket.ts';
import type { PlayerCore } from '../../core/index.ts';
import { forwardingPorts, headlessPorts, type ShellPorts } from '../../core/ports.ts';
import { UsageError, parseCommandArgs } from '../args.ts';
import type { Command, Io } from '../command.ts';
import { DEFAULT_DATA_DIR, loadPlayerConfig } from './player-config.ts';
import type { CoreConfig } from '../../core/config.ts';
import { PanoError } from '../../playlists/errors.ts';
import { stopSignal } from '../signals.ts';

const Args = z.strictObject({
  'playlist-url': z.string().optional(),
  root: z.string().optional(),
  'report-url': z.string().optional(),
  'push-url': z.string().optional(),
  hub: z.string().optional(),
  data: z.string().optional(),
  'api-port': z.string().regex(/^\d{1,5}$/, 'expected a port number').transform(Number).optional(),
  shell: z.enum(['none', 'chromium', 'electron', 'auto']).optional(),
  tag: z.array(z.string()).optional(),
  'time-zone': z.string().optional(),
  positionals: z.array(z.string()).max(0, 'no positional arguments'),
});

export const playerCommand: Command = {
  name: 'player',
  summary: 'run the player core (sync, cache, reports, local API) and a shell',
  help: `Usage: pano player --playlist-url URL --root root.json [--report-url URL] [--data DIR] [--api-port N] [--shell none|chromium|electron|auto]
       pano player --hub URL [--data DIR]   (pair with a hub first)

Options (flags override PANO_* environment variables, which override DIR/config.json):
  --playlist-url URL   signed playlist envelope to follow            PANO_PLAYLIST_URL
  --root FILE          pinned root.json (first trust)                PANO_ROOT
  --report-url URL     where heartbeats and play records go          PANO_REPORT_URL
  --push-url URL       Server-Sent Events stream (optional)          PANO_PUSH_URL
  --hub URL            pair with this hub when there are no credentials  PANO_HUB
  --data DIR           data folder (default ${DEFAULT_DATA_DIR})     PANO_DATA
  --api-port N         local API port on 127.0.0.1 (0 = any free)    PANO_API_PORT
  --shell KIND         none: core and local API only; chromium: system Chromium kiosk;
                       electron: the Electron kiosk app (it embeds the core; this
                       command writes the settings to DIR/config.json and starts it);
                       auto: Electron if installed, else Chromium (default auto);
                       says which it chose                           PANO_SHELL
  --tag TAG            audience tag of this screen (repeatable)      PANO_TAGS (comma-separated)
  --time-zone ZONE     IANA zone of the screen (default Asia/Ho_Chi_Minh)
  -h, --help           show this help

config.json may also set: pollIntervalMs, heartbeatIntervalMs, cacheQuotaBytes,
outboxQuotaBytes, displays, language, downloadConcurrency, cacheReverifyMs (how
old a whole-file hash may be before a partial range is served; default 24 h),
cacheReverifyBytesPerSec (background re-hash speed; default 32 MiB/s), power
(dpms|cec|none: how the panel is switched off outside operating hours; default
DPMS on an X display), wakeMs (how long a wake command holds it on; default 1 h)
(see core/config.ts).
First start creates DIR/device.json (device id, local API token) and
DIR/device.key (the device's Ed25519 key). Stops cleanly on SIGINT/SIGTERM.`,

  async run(argv, io) {
    const options = {
      'playlist-url': { type: 'string' },
      root: { type: 'string' },
      'report-url': { type: 'string' },
      'push-url': { type: 'string' },
      hub: { type: 'string' },
      data: { type: 'string' },
      'api-port': { type: 'string' },
      shell: { type: 'string' },
      tag: { type: 'string', multiple: true },
      'time-zone': { type: 'string' },
    } as const;
    const a = parseCommandArgs(argv, options, Args);
    const dataDir = resolve(a.data ?? process.env.PANO_DATA ?? DEFAULT_DATA_DIR);
    const flags = Object.fromEntries(
      Object.entries({
        playlistUrl: a['playlist-url'],
        rootFile: a.root === undefined ? undefined : resolve(a.root),
        reportUrl: a['report-url'],
        pushUrl: a['push-url'],
        hubUrl: a.hub,
        apiPort: a['api-port'],
        shell: a.shell,
        tags: a.tag,
        timeZone: a['time-zone'],
      }).filter(([, v]) => v !== undefined),
    );
    const { config, shell } = await loadPlayerConfig(dataDir, flags);
    // xrandr takes about 0.1 s: ask X11 for the monitors while the shell's modules load
    // (harmless when the choice falls on Electron or there is no X display).
    const monitors = shell === 'chromium' || shell === 'auto' ? import('../../core/chromium/monitors.ts').then((m) => m.listMonitors(process.env)) : undefined;
    const choice = shell === 'none' ? { shell: 'none' as const, reason: 'shell none' } : await chooseShellFor(shell);
    if (choice.shell === 'electron') return runElectron(config, io);
    // Ports are needed at creation, the shell only once the local API has a URL: forward to it.
    let shellPorts: (ShellPorts & { stop(): Promise<void> }) | null = null;
    const ports: ShellPorts = choice.shell === 'none' ? headlessPorts : forwardingPorts('chromium', () => shellPorts);
    let core: PlayerCore;
    if (choice.shell === 'chromium') {
      // Start-up is what a passer-by sees after a power cut, and Chromium is the slow part
      // (about a second to its first request). So the local API's socket is bound and
      // Chromium launched on its final URL before the core's modules are even loaded; the
      // page's first request waits for the core (docs/benchmarks.md, "Start-up").
      const [{ startChromiumShell }, { openApiSocket, localApiUrl, API_PORT_FILE }, { loadDeviceFile }] = await Promise.all([
        import('../../core/chromium/index.ts'),
        import('../../core/api/socket.ts'),
        import('../../core/device-file.ts'),
      ]);
      const device = await loadDeviceFile(dataDir, config.deviceId);
      const socket = await openApiSocket(config.apiPort, join(dataDir, API_PORT_FILE));
      const shell = startChromiumShell({
        urls: config.displays.map((d) => localApiUrl(socket.port, device.apiToken, d.id)),
        roles: config.displays.map((d) => d.id),
        dataDir,
        ...(monitors ? { monitors } : {}),
        log: (line) => io.err(line),
      });
      shell.catch(() => {}); // its failure is thrown below, once the core's start is settled
      let started: PlayerCore | undefined;
      try {
        core = started = await startCore(config, ports, io, socket);
        shellPorts = await shell;
      } catch (error) {
        await (await shell.catch(() => null))?.stop();
        await started?.stop();
        await socket.close();
        throw error;
      }
    } else core = await startCore(config, ports, io);
    const stopped = stopSignal();
    io.out(`pano player: device ${core.deviceId}, data ${dataDir}`);
    for (const d of config.displays) io.out(`  display ${d.id}: ${core.localUrl(d.id)}`);
    if (choice.shell === 'chromium') io.out(`  shell: ${choice.reason}`);
    await stopped;
    io.out('pano player: stopping');
    await shellPorts?.stop();
    await core.stop();
  },
};

/**
 * The Electron app embeds this core, so this process only hands it the settings
 * resolved here (file < PANO_* < flags, written to DIR/config.json, which is what
 * Electron reads) and waits: for Electron to exit, or for SIGINT/SIGTERM to stop it.
 */
async function runElectron(config: CoreConfig, io: Io): Promise<void> {
  const { startElectronShell } = await import('../electron-shell.ts');
  const { dataDir, ...settings } = config;
  const electron = await startElectronShell({ dataDir, settings, log: (line) => io.err(line) });
  if (!electron) throw new UsageError('the Electron binary is not installed (run `npx install-electron`, or set PANO_ELECTRON), or use --shell chromium');
  const signal = stopSignal().then(() => 'signal' as const);
  io.out(`pano player: shell: using Electron (${electron.binary}), data ${dataDir}`);
  const ended = await Promise.race([electron.exited, signal]);
  if (ended === 'signal') {
    io.out('pano player: stopping Electron');
    await electron.stop();
    return;
  }
  if (ended !== 0) throw new PanoError('INTERNAL', `the Electron shell exited with status ${ended}`);
}

async function chooseShellFor(requested: 'chromium' | 'electron' | 'auto') {
  const { chooseShell } = await import('../../core/chromium/index.ts');
  try {
    return chooseShell(requested);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}


async function startCore(config: CoreConfig, ports: ShellPorts, io: Io, apiSocket?: ApiSocket): Promise<PlayerCore> {
  const [{ createPlayerCore }, { clockFromEnv }] = await Promise.all([import('../../core/index.ts'), import('../../core/util/clock-env.ts')]);
  // PANO_SIM_CLOCK: the soak's accelerated calendar (test/soak); the system clock otherwise.
  const core = createPlayerCore(config, ports, { clock: clockFromEnv(process.env), ...(apiSocket ? { apiSocket } : {}) });
  logEvents(core, io);
  return core.start();
}

function logEvents(core: PlayerCore, io: Io): void {
  core.on('adopted', (p) => io.out(`adopted ${p.channel} v${p.version}`));
  core.on('rejected', (r) => io.err(`rejected: ${r.code}: ${r.message}`));
  core.on('error', (e) => io.err(`${e.type}: ${e.code}: ${e.message}`));
  core.on('command', (c) => io.out(`command ${c.name} (${c.id})`));
  let phase = '';
  core.on('state', (s) => {
    if (s.phase === phase) return;
    phase = s.phase;
    io.out(`phase ${s.phase}${s.pairing ? `: enter code ${s.pairing.code} at ${s.pairing.url}` : ''}`);
  });
}

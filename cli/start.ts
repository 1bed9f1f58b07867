#!/usr/bin/env node
/**
 * `npm start`: the one-command demo. A hub with SQLite in a local data folder,
 * the Cà Mau demo channel made, uploaded, signed and published through the
 * hub's own API, a local player paired automatically and opened fullscreen.
 * A second start reuses the same data (same login, same paired screen).
 *
 * The demo is a guest in its own hub: it publishes the bundled channel only
 * on the first start (or with --reset), never over what operators published
 * since; it confirms only its own player's pairing code, never another
 * screen's; and with no display it says so once and runs headless.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseJson, parseJsonText, parseUnknown } from '../playlists/parse.ts';
import { createHub, type Hub } from '../server/hub.ts';
import { createPlayerCore, type PlayerCore } from '../core/index.ts';
import { forwardingPorts, headlessPorts, type ShellPorts } from '../core/ports.ts';
import { chooseShell, displayProblem, type ShellRequest } from '../core/chromium/index.ts';
import { ensureDemoMedia } from './demo/media.ts';
import { HubClient } from './demo/hub-client.ts';
import { ensureRendererBuilt, ensureStudioBuilt } from './demo/bundles.ts';
import { loadPlayerConfig } from './commands/player-config.ts';
import { startElectronShell } from './electron-shell.ts';
import { stopSignal } from './signals.ts';

const CHANNEL = 'ca-mau-demo';
/**
 * Two screens, as in an arrival hall: the signage loop, and a touch kiosk whose
 * attract loop is the same schedule (the channel's kiosk pages are for role
 * `kiosk`). The Chromium shell opens one window per display.
 */
const DEMO_DISPLAYS = [
  { id: 'main', orientation: 'landscape', touch: false },
  { id: 'kiosk', orientation: 'landscape', touch: true },
] as const;
const DRAFT_FILE = join(import.meta.dirname, 'demo', 'ca-mau-demo.draft.json');

const help = `Usage: npm start [-- --data DIR] [--port N] [--shell auto|chromium|electron|none] [--reset]

Runs the Pano demo on this machine:
  1. a hub (SQLite in DIR/hub) with its studio (the operators' app) on http://127.0.0.1:PORT;
  2. demo keys and a root (made by the hub on first start, labelled DEMO);
  3. the Cà Mau demo channel: clips and pictures made with ffmpeg, uploaded,
     signed and published by the hub;
  4. a local player (data in DIR/player), paired with the hub automatically,
     with two displays, each shown fullscreen in its own window by the shell:
     "main" (the signage loop) and "kiosk" (a touch kiosk: tap the loop to
     browse Cà Mau and the ASEAN corner in Vietnamese, English, …).

Options:
  --data DIR     demo data folder (default .data/demo); a second start reuses it
  --port N       hub port (default 8080; 0 picks a free one)
  --shell KIND   auto (Electron if installed, else the system Chromium), chromium,
                 electron, or none (no window: open the printed player URL yourself);
                 without a display (no X or Wayland session) the demo runs as none
  --reset        delete DIR first and start from scratch: the bundled channel is
                 published again (otherwise only on the first start, so what
                 operators publish in the demo hub stays)
  -h, --help     this text

Stop with Ctrl+C.`;

const Args = z.strictObject({
  data: z.string().min(1).default('.data/demo'),
  port: z.string().regex(/^\d{1,5}$/, 'expected a port number').transform(Number).default(8080),
  shell: z.enum(['auto', 'chromium', 'electron', 'none']).default('auto'),
  reset: z.boolean().default(false),
  help: z.boolean().default(false),
});

const Login = z.strictObject({ username: z.string(), password: z.string() });
const log = (line: string) => console.log(`[demo] ${line}`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      shell: { type: 'string' },
      reset: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const args = parseUnknown(Args, values, 'npm start options');
  if (args.help) {
    console.log(help);
    return;
  }
  const data = resolve(args.data);
  if (args.reset) await rm(data, { recursive: true, force: true });
  await mkdir(data, { recursive: true });

  await ensureRendererBuilt(log);
  await ensureStudioBuilt(log);
  const media = await ensureDemoMedia(join(data, 'media'), log);
  const hub = await createHub({ dataDir: join(data, 'hub'), port: args.port, log: (l) => console.error(`[hub] ${l}`) });
  for (const notice of hub.notices) log(notice);
  const login = await demoLogin(hub, data);
  const client = new HubClient(hub.url);
  await client.login(login.username, login.password);
  await publishDemoChannel(client, media);

  const playerDir = join(data, 'player');
  const pairing = confirmOwnPairing(client, playerDir);
  const player = await startPlayer(args.shell, playerDir, hub.url);

  const stopped = stopSignal();
  log('');
  log(`Studio:    ${hub.url}   login: ${login.username} / ${login.password}`);
  for (const { id, url } of player.urls) log(`Player:    ${url}   (display ${id}${id === 'kiosk' ? ', touch kiosk' : ''})`);
  log(`Shell:     ${player.reason}`);
  log('Stop with Ctrl+C.');

  await stopped;
  log('stopping');
  pairing.stop();
  await player.stop();
  await hub.close();
  log('stopped');
}

/** The admin login: printed by the hub on its very first start, kept beside the demo data for the next ones. */
async function demoLogin(hub: Hub, data: string): Promise<z.infer<typeof Login>> {
  const file = join(data, 'demo-login.json');
  if (hub.firstAdmin) {
    await writeFile(file, JSON.stringify(hub.firstAdmin), { mode: 0o600 });
    return hub.firstAdmin;
  }
  if (!existsSync(file)) throw new Error(`${file} is missing, so the demo cannot log in to its hub; start fresh with: npm start -- --reset`);
  return parseJson(Login, await readFile(file, 'utf8'), file);
}

/**
 * Publishes the bundled channel when the hub has never had it: the first start, or after --reset.
 * Afterwards the channel is the operators' (they may have published v2 from the studio): left alone.
 */
async function publishDemoChannel(client: HubClient, mediaDir: string): Promise<void> {
  const current = await client.channel(CHANNEL);
  if (current && current.version > 0) {
    log(`channel ${CHANNEL} v${current.version} is on the hub: the demo leaves it as it is (npm start -- --reset starts over with the bundled channel)`);
    return;
  }
  const draft = parseJsonText(await readFile(DRAFT_FILE, 'utf8'), DRAFT_FILE) as Record<string, unknown> & { assets: Record<string, { urls: string[] }> };
  const { schemaVersion: _s, channel: _c, version: _v, issuedAt: _i, expiresAt: _e, ...rest } = draft;
  const assets: Record<string, { sha256: string }> = {};
  for (const [id, asset] of Object.entries(draft.assets)) {
    const file = join(mediaDir, basename(asset.urls[0] ?? ''));
    const uploaded = await client.upload(file);
    if (uploaded.warning) log(`${basename(file)}: ${uploaded.warning}`);
    assets[id] = { sha256: uploaded.sha256 };
  }
  const next = { ...rest, assets };
  await client.saveDraft(CHANNEL, next);
  await client.publish(CHANNEL);
  log(`published channel ${CHANNEL} (${Object.keys(assets).length} media files)`);
}

const OwnStatus = z.looseObject({ state: z.looseObject({ pairing: z.looseObject({ code: z.string() }).nullable().optional() }) });

/**
 * Pairs the demo's own player and no other screen: the code its core shows (in
 * DIR/status.json, written by the in-process core and by Electron's alike) is
 * the only one confirmed. A screen elsewhere that asks this hub to pair waits
 * for an operator, as it would on any hub.
 */
function confirmOwnPairing(client: HubClient, playerDir: string): { stop(): void } {
  const confirmed = new Set<string>();
  const statusFile = join(playerDir, 'status.json');
  const tick = async () => {
    let text: string;
    try {
      text = await readFile(statusFile, 'utf8');
    } catch {
      return; // the player has not written its state yet
    }
    const code = parseJson(OwnStatus, text, statusFile).state.pairing?.code;
    if (!code || confirmed.has(code)) return;
    confirmed.add(code);
    // The hub's record of the screen lists both displays, as pairing hands them back to the player's config.
    await client.confirmPairing({ code, name: 'Demo screen', tags: ['demo'], timeZone: 'Asia/Ho_Chi_Minh', channel: CHANNEL, displays: DEMO_DISPLAYS });
    log(`paired the local player (code ${code})`);
  };
  const timer = setInterval(() => void tick().catch((e: Error) => log(`pairing: ${e.message}`)), 500);
  return { stop: () => clearInterval(timer) };
}

interface RunningPlayer {
  urls: { id: string; url: string }[];
  reason: string;
  stop(): Promise<void>;
}

async function startPlayer(requested: ShellRequest, dataDir: string, hubUrl: string): Promise<RunningPlayer> {
  const choice = pickShell(requested);
  if (choice.shell === 'electron') return startElectron(dataDir, hubUrl, choice.reason);

  const { config } = await loadPlayerConfig(dataDir, { hubUrl, pollIntervalMs: 15_000, heartbeatIntervalMs: 15_000, displays: DEMO_DISPLAYS });
  let shell: (ShellPorts & { stop(): Promise<void> }) | null = null;
  const ports: ShellPorts = choice.shell === 'none' ? headlessPorts : forwardingPorts('chromium', () => shell);
  const core: PlayerCore = createPlayerCore(config, ports);
  core.on('adopted', (p) => log(`player adopted ${p.channel} v${p.version}`));
  core.on('rejected', (r) => log(`player rejected a playlist: ${r.code}: ${r.message}`));
  await core.start();
  const urls = config.displays.map((d) => ({ id: d.id, url: core.localUrl(d.id) }));
  if (choice.shell === 'chromium') {
    const { startChromiumShell } = await import('../core/chromium/index.ts');
    shell = await startChromiumShell({ urls: urls.map((u) => u.url), roles: urls.map((u) => u.id), dataDir, log: (l) => console.error(`[shell] ${l}`) });
  }
  return {
    urls,
    reason: choice.reason,
    async stop() {
      await shell?.stop();
      await core.stop();
    },
  };
}

/** The demo still runs without any browser or display: it says so and prints the player URLs to open elsewhere. */
function pickShell(requested: ShellRequest): { shell: 'none' | 'chromium' | 'electron'; reason: string } {
  if (requested === 'none') return { shell: 'none', reason: 'none: open the player URL in a browser' };
  // Without one, Chromium exits at once ("The platform failed to initialize") and the shell would restart it forever.
  const noDisplay = displayProblem();
  if (noDisplay) {
    log(`${noDisplay}: no window; open the player URLs below in any browser`);
    return { shell: 'none', reason: `none (${noDisplay})` };
  }
  try {
    return chooseShell(requested);
  } catch (error) {
    if (requested !== 'auto') throw error;
    return { shell: 'none', reason: `${(error as Error).message} Until then, open the player URL in any browser.` };
  }
}

/** Electron embeds its own core: point it at the demo's data, hub and displays, and let it pair like any screen. */
async function startElectron(dataDir: string, hubUrl: string, reason: string): Promise<RunningPlayer> {
  const settings = { hubUrl, pollIntervalMs: 15_000, heartbeatIntervalMs: 15_000, displays: DEMO_DISPLAYS };
  const electron = await startElectronShell({ dataDir, settings, log });
  if (!electron) throw new Error('the Electron binary disappeared between choosing and starting it; use --shell chromium');
  return {
    urls: DEMO_DISPLAYS.map((d) => ({ id: d.id, url: '(inside the Electron window)' })),
    reason,
    stop: () => electron.stop(),
  };
}

main().catch((error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});

/**
 * The whole stack for the soak, everything real: PostgreSQL, `pano hub` on
 * it, a fault proxy in front of the hub, a live HLS origin, Xvfb, and
 * `pano player --shell chromium` (paired through the hub like a new screen)
 * on a small tmpfs of its own so that "disk full" is a real ENOSPC. Every
 * pano process runs on the same simulated calendar (PANO_SIM_CLOCK).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulatedClock, type SimClockSpec } from '../../core/util/clock.ts';
import { startXvfb, type VirtualScreen } from '../e2e/shell/xvfb.ts';
import { freePort, startPostgres, type TestPostgres } from '../e2e/hub/postgres.ts';
import { startLiveServer, type LiveServer } from '../e2e/renderer/live-server.ts';
import { ensureMediaFixtures } from '../fixtures/make-media.ts';
import { SoakHubClient } from './channel.ts';
import { supervise, type Supervised } from './processes.ts';
import { startFaultProxy, type FaultProxy } from './proxy.ts';

export const HOUR = 3_600_000;
export const SCREEN = { width: 1280, height: 720 };
/** What the player may use (its config), and the tmpfs it lives on. */
export const QUOTAS = { cacheBytes: 96 * 1024 * 1024, outboxBytes: 8 * 1024 * 1024, diskBytes: 640 * 1024 * 1024 };

export interface Stack {
  work: string;
  spec: SimClockSpec;
  now(): number;
  pg: TestPostgres;
  databaseUrl: string;
  hubDir: string;
  hub: Supervised;
  hubUrl: string;
  /** Keeps the hub down while set (an outage); the supervisor waits. */
  hubHeld: { value: boolean };
  proxy: FaultProxy;
  live: LiveServer;
  screen: VirtualScreen;
  playerDir: string;
  player: Supervised;
  /** Writes the player's clock offset (a clock-jump fault). */
  jumpPlayerClock(ms: number): Promise<void>;
  tmpfs: boolean;
  client: SoakHubClient;
  deviceId(): string | undefined;
  log(line: string): void;
  stop(): Promise<void>;
}

/** `stepRealMs` of real time per simulated hour; the calendar starts at midnight in Hồ Chí Minh City. */
export async function startStack(opts: { stepRealMs: number; start: string; log: (line: string) => void; beforePlayer(client: SoakHubClient, liveUrl: string, work: string): Promise<void> }): Promise<Stack> {
  const log = opts.log;
  const work = await mkdtemp(join(tmpdir(), 'pano-soak-'));
  const spec: SimClockSpec = { realEpochMs: Date.now(), simEpochMs: Date.parse(opts.start), stepRealMs: opts.stepRealMs, stepSimMs: HOUR };
  const clock = simulatedClock(spec);
  const env = (extra: Partial<SimClockSpec> = {}) => ({ ...process.env, PANO_SIM_CLOCK: JSON.stringify({ ...spec, ...extra }) });

  await ensureMediaFixtures();
  const pg = await startPostgres({ crashSafe: true });
  const database = await pg.createDatabase('soak');
  const hubDir = join(work, 'hub');
  const hubPort = await freePort();
  const hubUrl = `http://127.0.0.1:${hubPort}`;
  const proxy = await startFaultProxy(hubUrl, clock.now);
  let login: { username: string; password: string } | undefined;
  let hubUp!: () => void;
  const hubReady = new Promise<void>((r) => (hubUp = r));
  const hubHeld = { value: false };
  const hub = supervise(['hub', '--data', hubDir, '--database', database, '--port', String(hubPort), '--public-url', proxy.url], env(), {
    restartMs: 200,
    held: () => hubHeld.value,
    log: (l) => log(`[hub] ${l}`),
    onLine: (l) => {
      const m = /user: (\S+)\s+password: (\S+)/.exec(l);
      if (m) login = { username: m[1]!, password: m[2]! };
      if (l.startsWith('Pano hub on')) hubUp();
    },
  });
  await hubReady;
  if (!login) throw new Error('the hub printed no first admin login');
  const client = new SoakHubClient(hubUrl, login);
  await client.start();

  const live = await startLiveServer(join((await ensureMediaFixtures()).dir, 'hls'));
  const screen = await startXvfb(SCREEN.width, SCREEN.height);
  await opts.beforePlayer(client, live.url, work);

  // The player's own small disk: disk full is a real ENOSPC there and nowhere else.
  const playerDir = join(work, 'player');
  await mkdir(playerDir, { recursive: true });
  let tmpfs = false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${QUOTAS.diskBytes}`, 'pano-soak', playerDir], { stdio: 'pipe' });
    tmpfs = true;
  } catch (error) {
    log(`no tmpfs for the player (${(error as Error).message.split('\n')[0]}): disk-full faults fill the shared disk's quota instead`);
  }
  const offsetFile = join(work, 'player-clock-offset');
  await writeFile(offsetFile, '0');
  await writeFile(
    join(playerDir, 'config.json'),
    JSON.stringify({
      displays: [{ id: 'main', orientation: 'landscape', touch: true }],
      timeZone: 'Asia/Ho_Chi_Minh',
      // Simulated milliseconds: once per simulated hour is once per step of real time.
      pollIntervalMs: HOUR,
      heartbeatIntervalMs: HOUR,
      uploadIntervalMs: HOUR / 2,
      maxBackoffMs: 2 * HOUR,
      pairingPollMs: 10 * 60_000,
      retryBaseMs: 60_000,
      idleTimeoutMs: 10_000,
      cacheQuotaBytes: QUOTAS.cacheBytes,
      outboxQuotaBytes: QUOTAS.outboxBytes,
      cacheReverifyMs: 24 * HOUR,
      cacheReverifyBytesPerSec: 4 * 1024 * 1024,
    }),
  );
  let deviceId: string | undefined;
  const confirmed = new Set<string>();
  const player = supervise(['player', '--hub', proxy.url, '--data', playerDir, '--shell', 'chromium'], { ...env({ offsetFile }), DISPLAY: screen.display }, {
    restartMs: 1_000,
    log: (l) => log(`[player] ${l}`),
    onLine: (l) => {
      const code = /enter code (\S+) at/.exec(l)?.[1];
      if (code && !confirmed.has(code)) {
        confirmed.add(code);
        void client
          .call((c) => c.confirmPairing({ code, name: 'Soak screen', tags: ['soak'], timeZone: 'Asia/Ho_Chi_Minh', channel: 'soak', displays: [{ id: 'main', orientation: 'landscape', touch: true }] }))
          .catch((e: Error) => log(`pairing ${code}: ${e.message}`));
      }
      const id = /device (\S+), data/.exec(l)?.[1];
      if (id) deviceId = id;
    },
  });
  return {
    work,
    spec,
    now: clock.now,
    pg,
    databaseUrl: database,
    hubDir,
    hub,
    hubUrl,
    hubHeld,
    proxy,
    live,
    screen,
    playerDir,
    player,
    tmpfs,
    client,
    deviceId: () => deviceId,
    jumpPlayerClock: (ms) => writeFile(offsetFile, String(ms)),
    log,
    async stop() {
      await player.stop();
      await hub.stop();
      await proxy.stop();
      await live.stop();
      await screen.stop();
      await pg.stop();
      if (tmpfs) execFileSync('umount', ['-l', playerDir]);
      await rm(work, { recursive: true, force: true });
    },
  };
}

/** The player without a screen: sync → verify → cache → adopt, the durable outbox,
 * heartbeats and the local API, wired in one place. Usage: core/player-core.ts. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PanoError, isPanoError, type ErrorCode } from '../playlists/errors.ts';
import { parseUnknown } from '../playlists/parse.ts';
import type { Command } from '../playlists/schemas/device-api.ts';
import type { PlayerState } from '../playlists/schemas/local-api.ts';
import { mediaToServe } from './api/media-lookup.ts';
import { startLocalApi, type ApiBackend, type LocalApi } from './api/server.ts';
import { API_PORT_FILE, type ApiSocket } from './api/socket.ts';
import { ObjectStore } from './cache/store.ts';
import { startRendererGuard } from './chromium/guard-wiring.ts';
import { CoreConfig, type CoreConfigInput } from './config.ts';
import type { CoreError, CoreEvents } from './events.ts';
import { loadIdentity, type Identity } from './identity.ts';
import { Outbox } from './outbox/outbox.ts';
import { pairWithHub, savePairing } from './pairing.ts';
import { forgetPairing, hubBase, saysUnauthorized, watchRevocation, withoutPairing } from './revocation.ts';
import type { PlayerCore } from './player-core.ts';
import { headlessPorts, type ShellPorts } from './ports.ts';
import { displayPower, type DisplayPower } from './power/index.ts';
import { CommandRunner } from './report/commands.ts';
import { keepDeviceLog } from './report/device-log.ts';
import { buildHeartbeat, type NowPlaying } from './report/heartbeat.ts';
import { pageEvents } from './report/page-events.ts';
import { PlayRecorder } from './report/plays.ts';
import { RendererPath } from './report/renderer-path.ts';
import { startReporting, type Reporting } from './report/reporting.ts';
import { SkewTracker } from './sync/clock-skew.ts';
import { SyncEngine, type Staged } from './sync/engine.ts';
import { Poller } from './sync/poller.ts';
import { listenPush } from './sync/push.ts';
import { pushEventHandler } from './sync/push-events.ts';
import { applyDeviceSettings } from './sync/settings.ts';
import { TrustStore, type Rejection } from './sync/trust-store.ts';
import { systemClock, type Clock } from './util/clock.ts';
import { clockShift, watchClockShift } from './util/clock-watch.ts';
import { Emitter } from './util/emitter.ts';
import { writeFileAtomic } from './util/fs-atomic.ts';

export type { CoreEvents, CoreError, PlayerCore } from './player-core.ts';
export { CoreConfig } from './config.ts';
const REPO_ROOT = resolve(import.meta.dirname, '..');

/** `apiSocket`: the local API's socket when the caller bound it already (see core/api/socket.ts); its port wins over `apiPort`.
 * `env`: where display power finds DISPLAY, xset and cec-client (core/power); process.env when omitted. */
export function createPlayerCore(input: CoreConfigInput, ports: ShellPorts = headlessPorts, deps: { clock?: Clock; apiSocket?: ApiSocket; env?: NodeJS.ProcessEnv } = {}): PlayerCore {
  let cfg = parseUnknown(CoreConfig, input, 'player config');
  const clock = deps.clock ?? systemClock;
  const env = deps.env ?? process.env;
  const bus = new Emitter<CoreEvents>();
  const startedAt = clock.now();
  const skew = new SkewTracker(cfg.clockSkewThresholdMs);
  const errors: { code: ErrorCode; message: string; at: string }[] = [];
  const nowPlaying = new Map<string, NowPlaying>();
  // syncStops: what a paired run started (sync, push, reporting), stopped on revocation before pairing again.
  const stops: (() => void | Promise<void>)[] = [];
  const syncStops: (() => void | Promise<void>)[] = [];
  let identity: Identity;
  let trust: TrustStore;
  let store: ObjectStore;
  let outbox: Outbox;
  let recorder: PlayRecorder;
  let rendererPath: RendererPath | undefined;
  let guard: ReturnType<typeof startRendererGuard> = null;
  let engine: SyncEngine | undefined;
  let api: LocalApi;
  let reporting: Reporting | undefined;
  let power: DisplayPower | undefined;
  let lastError: PlayerState['lastError'] = null;
  let pairing: PlayerState['pairing'] = null;
  let reloadToken = 0;
  let statusTimer: ReturnType<typeof setTimeout> | undefined;
  let running = false;

  const fail = (type: CoreError['type'], code: ErrorCode, message: string, fatal = false) => {
    errors.push({ code, message: message.slice(0, 500), at: new Date(clock.now()).toISOString() });
    if (errors.length > 20) errors.shift();
    lastError = { code, message };
    bus.emit('error', { type, code, message, fatal });
    changed();
    if (type !== 'pairing' && saysUnauthorized(message)) revocation.unauthorized();
  };
  const revocation = watchRevocation({
    clock,
    idleTimeoutMs: cfg.idleTimeoutMs,
    checkEveryMs: cfg.revocationCheckMs,
    deviceUrl: () => (engine ? cfg.reportUrl : undefined),
    root: () => trust?.root,
    identity: () => identity,
    fail: (code, message) => fail('pairing', code, message),
    revoked: async (notice) => {
      const hubUrl = cfg.hubUrl ?? hubBase(cfg.reportUrl!);
      for (const stop of syncStops.splice(0).reverse()) await stop();
      await engine?.idle();
      [engine, pollerRef, reporting] = [undefined, undefined, undefined];
      await forgetPairing(cfg.dataDir, hubUrl);
      cfg = parseUnknown(CoreConfig, { ...withoutPairing(cfg), hubUrl }, 'revoked config');
      identity = await loadIdentity(cfg.dataDir, cfg.deviceId);
      bus.emit('revoked', notice);
      changed();
      void pairThenSync();
    },
  });

  const hubOrigins = () =>
    new Set([cfg.hubUrl, cfg.playlistUrl, cfg.reportUrl, cfg.pushUrl, cfg.freshnessUrl].filter((u): u is string => u !== undefined).map((u) => new URL(u).origin));
  // The device token goes only to the hub's own origins, never to a CDN or mirror.
  const headersFor = (url: string): Record<string, string> =>
    cfg.deviceToken && hubOrigins().has(new URL(url).origin) ? { authorization: `Bearer ${cfg.deviceToken}` } : {};

  function state(): PlayerState {
    const current = engine?.current ?? null;
    const expired = current !== null && Date.parse(current.playlist.expiresAt) <= (engine?.now() ?? clock.now());
    return {
      deviceId: identity?.deviceId ?? cfg.deviceId ?? 'unknown',
      phase: pairing ? 'pairing' : current ? 'ready' : 'preparing',
      playlist: current ? { channel: current.channel, version: current.version, payload: current.payloadText, expired } : null,
      media: current?.plan.media ?? {},
      assetHashes: current?.plan.assetHashes ?? {},
      progress: engine?.progress ?? { assetsReady: 0, assetsTotal: 0, bytesDone: 0, bytesTotal: 0 },
      timeZone: cfg.timeZone,
      language: cfg.language,
      volume: cfg.volume, ...(cfg.operatingHours ? { operatingHours: cfg.operatingHours } : {}),
      displays: cfg.displays,
      clockOffsetMs: clockShift(clock) + skew.offsetMs(),
      pairing,
      lastError,
      reloadToken,
    };
  }
  let lastReady = -1;
  let progressTimer: ReturnType<typeof setTimeout> | undefined;
  function changed(): void {
    if (!running) return;
    power?.check();
    bus.emit('state', state());
    // status.json for `pano status`, written at most every 250 ms.
    statusTimer ??= setTimeout(() => {
      statusTimer = undefined;
      void writeStatus().catch(() => {});
    }, 250);
  }
  const writeStatus = async () => writeFileAtomic(join(cfg.dataDir, 'status.json'), `${JSON.stringify(await core.status(), null, 2)}\n`);

  // What plays and the corrected time, as the renderer judges them (none while pairing).
  const playing = () => (pairing ? undefined : engine?.current?.playlist);
  const coreNow = () => engine?.now() ?? clock.now();

  const backend: ApiBackend = {
    state,
    onState: (fn) => bus.on('state', fn),
    liveOrigins: () => engine?.current?.plan.liveOrigins ?? [],
    media: (sha, path) => mediaToServe(engine?.current?.plan, store, cfg.cacheReverifyMs, sha, path),
    events: pageEvents({
      outbox: () => outbox,
      recorder: () => recorder,
      nowPlaying,
      path: () => rendererPath,
      recorded: (record) => bus.emit('recorded', record),
      kick: () => reporting?.kick(),
    }),
  };

  async function heartbeat(): Promise<void> {
    const current = engine?.current ?? null;
    const pending = engine?.pending ?? null;
    const stale = engine?.lastContactAt == null || clock.now() - engine.lastContactAt > 3 * cfg.pollIntervalMs + cfg.maxBackoffMs;
    const hb = await buildHeartbeat({
      deviceId: identity.deviceId,
      appVersion: cfg.appVersion,
      shell: ports.kind,
      // Both ends of the uptime from the raw clock; only `now` is skew-corrected.
      uptimeMs: clock.now() - startedAt,
      now: engine?.now() ?? clock.now(),
      timeZone: cfg.timeZone,
      ...(cfg.settingsVersion ? { settings: { version: cfg.settingsVersion, tags: cfg.tags, timeZone: cfg.timeZone, displays: cfg.displays, volume: cfg.volume, language: cfg.language, operatingHours: cfg.operatingHours } } : {}),
      current: current ? { channel: current.channel, version: current.version, expiresAt: current.playlist.expiresAt, adoptedAt: trust.state.current?.adoptedAt } : null,
      stale,
      pending: pending && pending !== current ? { channel: pending.channel, version: pending.version, bytesDone: engine!.progress.bytesDone, bytesTotal: engine!.progress.bytesTotal } : null,
      rejection: trust?.state.rejection ?? null,
      root: { version: trust.root.version, expiresAt: trust.root.expires },
      nowPlaying: [...nowPlaying.values()],
      cache: { ready: current !== null, assetsReady: engine?.progress.assetsReady ?? 0, assetsTotal: engine?.progress.assetsTotal ?? 0, bytesUsed: store.usedBytes(), bytesQuota: store.quota() },
      dataDir: cfg.dataDir,
      skewMs: skew.skewMs,
      corrected: skew.corrected,
      outbox: outbox.stats(),
      errors,
      displays: await ports.displays().catch(() => []),
      recoveries: ports.recoveries(),
      playEvents: rendererPath?.snapshot() ?? [],
      guard: guard?.report(),
      ...(power ? { displayPower: power.state() } : {}),
    });
    await outbox.append('heartbeat', hb.id, hb, clock.now());
    bus.emit('heartbeat', hb);
    reporting?.kick();
  }

  /** The page reloads itself on the new token; the shell reloads it too, in case its script is what hangs. */
  async function reloadPages(): Promise<void> {
    reloadToken++;
    changed();
    await ports.reload();
  }

  const commands = new CommandRunner({
    ports,
    deviceLog: keepDeviceLog(bus, cfg.dataDir, () => [cfg.deviceToken, identity?.apiToken]),
    get reportUrl() {
      return cfg.reportUrl;
    },
    token: () => cfg.deviceToken,
    idleTimeoutMs: cfg.idleTimeoutMs,
    reload: reloadPages,
    reverify: async () => {
      const r = await store.reverifyAll();
      engine?.repair();
      return `${r.checked} files checked, ${r.bad} bad`;
    },
    wake: () => power!.wake(),
    log: (m) => fail('report', 'HTTP_STATUS', m),
  });
  const runCommands = (list: Command[]) => {
    for (const c of list) {
      bus.emit('command', c);
      void commands.run(c);
    }
  };

  async function startSync(): Promise<void> {
    trust = new TrustStore(cfg.dataDir);
    const pinned = cfg.rootJson ?? (cfg.rootFile ? await readFile(cfg.rootFile, 'utf8') : undefined);
    await trust.open(pinned);
    const playlistUrl = cfg.playlistUrl;
    if (!playlistUrl) throw new PanoError('SCHEMA_INVALID', 'no playlist URL: pass --playlist-url or pair with --hub');
    engine = new SyncEngine({
      cfg,
      deviceId: identity.deviceId,
      trust,
      store,
      clock,
      skew,
      headersFor,
      hooks: {
        adopted: (p: Staged) => {
          // Hash the files now, in the background, rather than when the renderer first asks (files fetched in this run are already known good).
          void (async () => {
            for (const w of p.plan.wanted) if (running) await store.verifiedPath(w.sha256);
          })().catch(() => {});
          lastError = null;
          bus.emit('adopted', { channel: p.channel, version: p.version, sha256: p.sha256 });
          changed();
        },
        rejected: (r: Rejection) => {
          fail('sync', r.code, r.message);
          bus.emit('rejected', r);
        },
        progress: (p) => {
          bus.emit('progress', p);
          // Bytes arrive per chunk: the state (and its SSE stream) follows at most every 250 ms, and at each finished file.
          if (p.assetsReady !== lastReady) {
            lastReady = p.assetsReady;
            changed();
          } else progressTimer ??= setTimeout(() => {
            progressTimer = undefined;
            changed();
          }, 250);
        },
        error: (code, message) => fail('cache', code, message),
        contact: () => changed(),
        root: (r) => bus.emit('root', r),
      },
    });
    store.onCorrupt = (sha) => {
      fail('cache', 'HASH_MISMATCH', `cached file ${sha} changed on disk; fetching it again`);
      engine?.repair();
    };
    await engine.loadCurrent(playlistUrl);
    const poller = new Poller(
      () =>
        engine!.check(playlistUrl).catch((e: unknown) => {
          fail('sync', isPanoError(e) ? e.code : 'NETWORK', (e as Error).message);
          throw e;
        }),
      { intervalMs: cfg.pollIntervalMs, jitter: cfg.pollJitter, maxBackoffMs: cfg.maxBackoffMs, clock },
    );
    poller.start();
    pollerRef = poller;
    syncStops.push(() => poller.stop(), () => engine?.stop());
    if (cfg.pushUrl) {
      const push = listenPush({
        url: cfg.pushUrl,
        headers: () => headersFor(cfg.pushUrl!),
        clock,
        maxBackoffMs: cfg.maxBackoffMs,
        onError: (m) => fail('sync', 'NETWORK', m),
        // A playlist published while the stream was down sent its event into the void: fetch on reconnect.
        onReconnect: () => poller.now(),
        onEvent: pushEventHandler({ playlist: () => poller.now(), command: (c) => runCommands([c]), settings: applySettings, fail: (code, message) => fail('sync', code, message) }),
      });
      syncStops.push(() => push.stop());
    }
  }
  let pollerRef: Poller | undefined;
  const applySettings = async (data: string) => {
    const applied = await applyDeviceSettings(data, { root: trust.root, deviceId: identity.deviceId, dataDir: cfg.dataDir, appliedVersion: cfg.settingsVersion });
    cfg = parseUnknown(CoreConfig, { ...cfg, ...applied }, 'applied settings');
    bus.emit('settings', applied);
    changed();
    await heartbeat(); // the screen's page shows the settings as applied within seconds, not at the next beat
  };

  async function pairThenSync(): Promise<void> {
    const abort = new AbortController();
    stops.push(() => abort.abort());
    try {
      const paired = await pairWithHub({
        hubUrl: cfg.hubUrl!,
        identity,
        appVersion: cfg.appVersion,
        idleTimeoutMs: cfg.idleTimeoutMs,
        pollMs: cfg.pairingPollMs,
        clock,
        signal: abort.signal,
        show: (p) => {
          pairing = p;
          changed();
        },
      });
      const saved = await savePairing(cfg.dataDir, paired);
      cfg = parseUnknown(CoreConfig, { ...cfg, ...saved, dataDir: cfg.dataDir }, 'paired config');
      pairing = null;
      changed();
      await startSync();
      beginReporting();
    } catch (error) {
      if (!abort.signal.aborted) fail('pairing', isPanoError(error) ? error.code : 'NETWORK', (error as Error).message, true);
    }
  }

  function beginReporting(): void {
    const reportUrl = cfg.reportUrl;
    if (!reportUrl || reporting) return;
    const r = startReporting({
      cfg: { ...cfg, reportUrl },
      identity,
      outbox,
      clock,
      heartbeat,
      onCommands: runCommands,
      onAck: (kind, ids) => {
        bus.emit('acked', { kind, ids });
        changed();
      },
      fail: (code, message) => fail('report', code, message),
    });
    reporting = r;
    syncStops.push(() => r.stop());
  }

  async function startAll(): Promise<void> {
    identity = await loadIdentity(cfg.dataDir, cfg.deviceId);
    store = new ObjectStore(join(cfg.dataDir, 'cache'), cfg.cacheQuotaBytes, clock.now);
    await store.open();
    const stopReverify = store.startReverify(clock, cfg.cacheReverifyMs, cfg.cacheReverifyBytesPerSec);
    stops.push(stopReverify);
    outbox = await Outbox.open(join(cfg.dataDir, 'outbox'), cfg.outboxQuotaBytes);
    recorder = new PlayRecorder(outbox, identity.deviceId);
    running = true;
    rendererPath = new RendererPath({
      displays: cfg.displays,
      // Pages ping and play on real timers: silence is measured in real time, the schedule in the core's.
      clock: systemClock,
      stallMs: cfg.rendererStallMs,
      pagesExpected: ports.kind !== 'none',
      timeZone: cfg.timeZone, screenHours: () => cfg.operatingHours,
      playlist: playing,
      now: coreNow,
      reload: reloadPages,
      restart: () => ports.restart(),
      stalled: (why) => fail('renderer', 'RENDERER_STALLED', `${why}; reloading it`),
    });
    power = displayPower({ clock, ports, env, cfg: () => cfg, playlist: playing, now: coreNow, changed, failed: (m) => fail('power', 'INTERNAL', m) });
    stops.push(rendererPath.start(), watchClockShift(clock, changed), power.start());
    guard = startRendererGuard({ cfg, ports, clock, screenHours: () => cfg.operatingHours, playlist: () => (pairing ? undefined : engine?.current?.playlist), now: () => engine?.now() ?? clock.now(), onRecorded: (fn) => bus.on('recorded', fn), restarted: (m) => bus.emit('maintenance', m) });
    if (guard) stops.push(guard.stop);
    api = await startLocalApi({ port: cfg.apiPort, portFile: join(cfg.dataDir, API_PORT_FILE), token: identity.apiToken, rendererDir: cfg.rendererDir ?? join(REPO_ROOT, 'renderer', 'dist'), backend, ...(deps.apiSocket ? { socket: deps.apiSocket } : {}) });
    if (cfg.hubUrl && !cfg.deviceToken) void pairThenSync();
    else {
      await startSync();
      beginReporting();
    }
    changed();
  }

  let stopping: Promise<void> | undefined;
  async function stopAll(): Promise<void> {
    running = false;
    if (statusTimer) clearTimeout(statusTimer);
    if (progressTimer) clearTimeout(progressTimer);
    if (outbox) await writeStatus().catch(() => {});
    for (const stop of [...stops.splice(0), ...syncStops.splice(0)].reverse()) await stop();
    await engine?.idle();
    await api?.stop();
    await store?.save().catch(() => {});
    await outbox?.close();
  }

  const core: PlayerCore = {
    get deviceId() {
      return identity?.deviceId ?? 'unknown';
    },
    async start() {
      try {
        await startAll();
      } catch (error) {
        // Nothing half-started may keep the process alive (API socket, timers).
        await core.stop().catch(() => {});
        throw error;
      }
      return core;
    },
    stop: () => (stopping ??= stopAll()),
    state,
    localUrl: (display) => api.url(display),
    on: (event, fn) => bus.on(event, fn),
    async status() {
      return {
        state: state(),
        rejection: trust?.state.rejection ?? null,
        pending: engine?.pending ? { channel: engine.pending.channel, version: engine.pending.version } : null,
        downloading: Object.fromEntries(engine?.inFlight ?? []),
        trustedRootVersion: trust?.root.version ?? null, trustedRootExpiresAt: trust?.root.expires ?? null, channels: trust?.state.channels ?? {},
        cache: { bytesUsed: store.usedBytes(), bytesQuota: store.quota() }, outbox: outbox.stats(), clock: { skewMs: skew.skewMs, corrected: skew.corrected },
        errors, displayPower: power?.state() ?? null, localApiPort: api?.port ?? null, updatedAt: new Date(clock.now()).toISOString(),
      };
    },
    idle: async () => engine?.idle(),
    syncNow: () => pollerRef?.now(),
    heartbeatNow: () => heartbeat(),
    uploadNow: async () => {
      if (!reporting) throw new PanoError('INTERNAL', 'no report URL configured');
      await reporting.round();
    },
  };
  return core;
}

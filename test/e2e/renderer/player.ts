/**
 * A real player for renderer tests: a signed playlist and ffmpeg-made media on
 * a loopback "hub", and the real core (sync → verify → cache → local API)
 * serving renderer/dist. Play events come back as the core's play records.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import type { CoreConfigInput } from '../../../core/config.ts';
import { createPlayerCore, type PlayerCore } from '../../../core/index.ts';
import { headlessPorts, type ShellPorts } from '../../../core/ports.ts';
import type { Clock } from '../../../core/util/clock.ts';
import { serializeEnvelope, signEnvelope } from '../../../playlists/dsse.ts';
import { parseUnknown } from '../../../playlists/parse.ts';
import { PAYLOAD_TYPES } from '../../../playlists/schemas/envelope.ts';
import type { DisplayConfig } from '../../../playlists/schemas/local-api.ts';
import { Playlist } from '../../../playlists/schemas/playlist.ts';
import type { PlayRecord } from '../../../playlists/schemas/reports.ts';
import { makeRoot, signedRoot, testKey } from '../../../playlists/trust.fixtures.ts';
import { ensureMediaFixtures, type MediaFixtures } from '../../fixtures/make-media.ts';
import { assets, LAYOUTS } from './playlists.ts';

const utf8 = new TextEncoder();

/** An asset entry for a fixture file (`clip-a.mp4`, `hls/index.m3u8`…), pinned by hash and size. */
export function assetOf(media: MediaFixtures, name: string): Record<string, unknown> {
  const f = media.files[name];
  if (!f) throw new Error(`no fixture ${name}`);
  const base = { type: f.type, sha256: f.sha256, size: f.size, urls: [`media/${name}`], ...(f.durationSec ? { durationSec: f.durationSec } : {}) };
  if (f.type !== 'application/vnd.apple.mpegurl') return base;
  const folder = name.slice(0, name.lastIndexOf('/') + 1);
  const files = Object.entries(media.files)
    .filter(([n]) => n.startsWith(folder) && n !== name)
    .map(([n, g]) => ({ path: n.slice(folder.length), sha256: g.sha256, size: g.size }));
  return { ...base, files };
}

export interface PlayerOptions {
  /** The playlist body: items, sequences, layouts, schedule, assets (see assetOf). */
  playlist: Record<string, unknown>;
  displays?: Partial<DisplayConfig>[];
  timeZone?: string;
  /** Fixture names the hub holds back until `release()` (the player stays in "preparing"). */
  hold?: string[];
  /** Core settings beyond the defaults below, and the shell's ports (default: none). */
  config?: Partial<CoreConfigInput>;
  ports?: ShellPorts;
  /** The core's clock (the renderer follows it). */
  clock?: Clock;
}

export interface Player {
  core: PlayerCore;
  /** The core's config: a second core on the same data folder starts with a warm cache. */
  config: CoreConfigInput;
  /** Takes the hub (playlist and media) off the network. */
  stopHub(): Promise<void>;
  media: MediaFixtures;
  url(display?: string): string;
  /** Play records the core made from the renderer's events, in order. */
  records: PlayRecord[];
  /** Lets held files through. */
  release(): void;
  /** Signs and serves a new version of the playlist, then has the core fetch it; resolves once adopted. */
  publish(playlist: Record<string, unknown>): Promise<void>;
  stop(): Promise<void>;
}

/** Serves the envelope at /playlist.json and fixtures under /media/. */
async function startHub(first: string, mediaDir: string, hold: Promise<void>, held: string[]): Promise<{ url: string; serve(envelope: string): void; stop(): Promise<void> }> {
  let envelope = first;
  const server = http.createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/playlist.json') {
      res.setHeader('content-type', 'application/json');
      return res.end(envelope);
    }
    const rel = normalize(path.replace(/^\/media\//, ''));
    if (!path.startsWith('/media/') || rel.startsWith('..')) return res.writeHead(404).end();
    const file = join(mediaDir, rel);
    if (held.includes(rel)) await hold;
    stat(file).then(
      (s) => {
        res.writeHead(200, { 'content-length': s.size });
        createReadStream(file).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    serve: (next) => (envelope = next),
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export async function startPlayer(opts: PlayerOptions): Promise<Player> {
  const media = await ensureMediaFixtures();
  const root = testKey('e2e root');
  const publisher = testKey('e2e publisher');
  const sign = (playlist: Record<string, unknown>, version: number) => {
    const body = {
      schemaVersion: 1,
      channel: 'e2e',
      version,
      issuedAt: '2020-01-01T00:00:00Z',
      expiresAt: '2099-01-01T00:00:00Z',
      audience: { all: true },
      // Every fixture file and the standard layouts, unless the test brings its own.
      assets: assets(media),
      layouts: LAYOUTS,
      ...playlist,
    };
    // Fail here, with the bad paths, rather than as a playlist the core refuses.
    parseUnknown(Playlist, body, 'test playlist');
    return serializeEnvelope(signEnvelope(PAYLOAD_TYPES.playlist, utf8.encode(JSON.stringify(body)), [publisher]));
  };
  let version = 1;
  const envelope = sign(opts.playlist, version);
  let release!: () => void;
  const hold = new Promise<void>((r) => (release = r));
  const hub = await startHub(envelope, media.dir, hold, opts.hold ?? []);
  const dataDir = await mkdtemp(join(tmpdir(), 'pano-e2e-'));
  const rootFile = join(dataDir, 'root.json');
  await writeFile(rootFile, signedRoot(makeRoot({ root: [root], publishers: [publisher] }), [root]));
  const records: PlayRecord[] = [];
  const config: CoreConfigInput = {
      dataDir: join(dataDir, 'data'),
      playlistUrl: `${hub.url}/playlist.json`,
      rootFile,
      apiPort: 0,
      deviceId: 'e2e-screen',
      timeZone: opts.timeZone ?? 'Asia/Ho_Chi_Minh',
      displays: (opts.displays ?? [{ id: 'main' }]).map((d) => ({ id: 'main', orientation: 'landscape', touch: false, ...d })),
      pollIntervalMs: 3_600_000,
      heartbeatIntervalMs: 3_600_000,
      uploadIntervalMs: 3_600_000,
      ...opts.config,
  };
  const core = createPlayerCore(config, opts.ports ?? headlessPorts, opts.clock ? { clock: opts.clock } : {});
  core.on('recorded', (r) => records.push(r));
  const adopted = new Promise<void>((resolve) => core.on('adopted', () => resolve()));
  await core.start();
  if (core.state().phase !== 'ready' && !opts.hold?.length) await adopted;
  return {
    core,
    config,
    stopHub: () => hub.stop(),
    media,
    records,
    release,
    async publish(playlist) {
      version += 1;
      const target = version;
      hub.serve(sign(playlist, target));
      const adoptedNext = new Promise<void>((resolve) => core.on('adopted', (p) => p.version === target && resolve()));
      core.syncNow();
      await adoptedNext;
    },
    url: (display = 'main') => core.localUrl(display),
    stop: async () => {
      release();
      await core.stop();
      await hub.stop().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

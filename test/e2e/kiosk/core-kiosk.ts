/**
 * The kiosk on the real player core: a signed playlist and ffmpeg-made media
 * on a loopback hub, createPlayerCore (sync → verify → cache → local API)
 * serving the built kiosk harness, and a report collector standing in for
 * the hub's /events. Interaction events go page → POST /api/events → the
 * core's durable outbox → upload → collector.
 */
import { copyFileSync, createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { build } from 'vite';
import { createPlayerCore, type PlayerCore } from '../../../core/index.ts';
import { headlessPorts } from '../../../core/ports.ts';
import { serializeEnvelope, signEnvelope } from '../../../playlists/dsse.ts';
import { parseJson } from '../../../playlists/parse.ts';
import { PAYLOAD_TYPES } from '../../../playlists/schemas/envelope.ts';
import { Playlist } from '../../../playlists/schemas/playlist.ts';
import type { InteractionEvent } from '../../../playlists/schemas/reports.ts';
import { makeRoot, signedRoot, testKey } from '../../../playlists/trust.fixtures.ts';
import { startCollector, type Collector } from '../../fixtures/core-collector.ts';
import { makeMedia } from './media.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');
export const KIOSK_PLAYLIST = join(import.meta.dirname, 'fixtures', 'kiosk-playlist.json');

export interface KioskPlayer {
  core: PlayerCore;
  /** The local URL that signs the page in (token → cookie) and opens the display. */
  url: string;
  /** Uploads the core's outbox now and returns every interaction event the hub has, in arrival order. */
  delivered(): Promise<InteractionEvent[]>;
  close(): Promise<void>;
}

/** Builds the harness as the renderer bundle (index.html) in a private folder: parallel workers never share one. */
async function buildHarness(dir: string): Promise<string> {
  const dist = join(dir, 'dist');
  await build({ configFile: join(ROOT, 'renderer/kiosk/vite.config.ts'), build: { outDir: dist, emptyOutDir: true }, logLevel: 'error' });
  copyFileSync(join(dist, 'harness.html'), join(dist, 'index.html'));
  return dist;
}

/** Serves the signed envelope at /playlist.json and the media under /media/. */
async function startHub(envelope: string, mediaDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/playlist.json') return void res.writeHead(200, { 'content-type': 'application/json' }).end(envelope);
    const rel = normalize(path.replace(/^\/media\//, ''));
    if (!path.startsWith('/media/') || rel.startsWith('..')) return void res.writeHead(404).end();
    const file = join(mediaDir, rel);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      return void res.writeHead(404).end();
    }
    res.writeHead(200, { 'content-length': size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export interface KioskOptions {
  /** The renderer bundle the core serves: the kiosk harness (default), or the real player (`renderer/dist`, from `npm run build:renderer`). */
  renderer?: 'harness' | 'app';
  /** The screen's own language (the core's config), which may differ from the playlist's default (vi). */
  language?: string;
}

/** The player's real bundle, as `npm run build:renderer` leaves it. */
export const APP_RENDERER = join(ROOT, 'renderer', 'dist');

export async function startKiosk(
  display: { id: string; orientation: 'landscape' | 'portrait' } = { id: 'kiosk', orientation: 'landscape' },
  options: KioskOptions = {},
): Promise<KioskPlayer> {
  const dir = mkdtempSync(join(tmpdir(), 'pano-kiosk-e2e-'));
  const rendererDir = options.renderer === 'app' ? APP_RENDERER : await buildHarness(dir);
  const mediaDir = join(dir, 'media');
  const media = makeMedia(mediaDir);

  const body = JSON.parse(readFileSync(KIOSK_PLAYLIST, 'utf8')) as { assets: Record<string, { urls: string[]; sha256: string; size: number }> };
  for (const [id, asset] of Object.entries(body.assets)) {
    const file = media[asset.urls[0]!.replace(/^media\//, '')];
    if (!file) throw new Error(`no fixture media for asset ${id}`);
    asset.sha256 = file.sha256;
    asset.size = file.size;
  }
  const payload = JSON.stringify(body);
  parseJson(Playlist, payload, 'kiosk test playlist'); // fail here, with the bad paths, not as a refusal in the core
  const root = testKey('kiosk root');
  const publisher = testKey('kiosk publisher');
  const envelope = serializeEnvelope(signEnvelope(PAYLOAD_TYPES.playlist, new TextEncoder().encode(payload), [publisher]));
  const hub = await startHub(envelope, mediaDir);
  const rootFile = join(dir, 'root.json');
  writeFileSync(rootFile, signedRoot(makeRoot({ root: [root], publishers: [publisher] }), [root]));
  const collector: Collector = await startCollector();

  const core = createPlayerCore(
    {
      dataDir: join(dir, 'data'),
      playlistUrl: `${hub.url}/playlist.json`,
      rootFile,
      reportUrl: collector.url,
      apiPort: 0,
      deviceId: 'kiosk-test-01',
      language: options.language ?? 'vi',
      displays: [{ ...display, touch: true }],
      rendererDir,
      pollIntervalMs: 3_600_000,
      heartbeatIntervalMs: 3_600_000,
      uploadIntervalMs: 3_600_000,
    },
    headlessPorts,
  );
  const cleanup = async () => {
    await core.stop().catch(() => undefined);
    await hub.stop();
    await collector.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const adopted = new Promise<void>((resolve, reject) => {
    core.on('adopted', () => resolve());
    core.on('rejected', (r) => reject(new Error(`the core refused the kiosk playlist: ${JSON.stringify(r)}`)));
    core.on('error', (e) => e.fatal && reject(new Error(`core error ${e.code}: ${e.message}`)));
  });
  adopted.catch(() => undefined); // awaited below only while not ready; never an unhandled rejection
  try {
    await core.start();
    if (core.state().phase !== 'ready') await adopted;
  } catch (error) {
    await cleanup(); // a refused playlist must not leave a core, servers or files behind
    throw error;
  }

  return {
    core,
    url: core.localUrl(display.id),
    delivered: async () => {
      await core.uploadNow();
      return [...collector.events.values()] as InteractionEvent[];
    },
    close: cleanup,
  };
}

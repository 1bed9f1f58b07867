/**
 * The soak's channel, made and published the way an operator does (the hub's
 * JSON API, the hub signs): clips, an image, slides, a live HLS stream with a
 * fallback, and touch-kiosk pages, open 06:00–22:00. Also the playlists a
 * hostile or broken origin would serve instead: tampered, rolled back, expired.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HubClient } from '../../cli/demo/hub-client.ts';
import { decodeBase64, encodeBase64 } from '../../playlists/base64.ts';
import { serializeEnvelope, signEnvelope } from '../../playlists/dsse.ts';
import { parsePrivateKeyFile } from '../../playlists/keys.ts';
import { parseJson } from '../../playlists/parse.ts';
import { Envelope, PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import { makeMedia } from '../e2e/kiosk/media.ts';
import { ensureMediaFixtures } from '../fixtures/make-media.ts';

const run = promisify(execFile);
export const CHANNEL = 'soak';
const KIOSK_PLAYLIST = join(import.meta.dirname, '..', 'e2e', 'kiosk', 'fixtures', 'kiosk-playlist.json');
/** The item a tampered playlist slips in: a magenta slide the X sampler would see. */
export const INTRUDER = 'intruder';
export const INTRUDER_RGB = [255, 0, 255] as const;

/** HubClient that logs in again when the hub's session ended (sessions expire on the hub's simulated clock). */
export class SoakHubClient {
  private client: HubClient;
  private readonly base: string;
  private readonly login: { username: string; password: string };

  constructor(base: string, login: { username: string; password: string }) {
    this.base = base;
    this.login = login;
    this.client = new HubClient(base);
  }

  async call<T>(fn: (c: HubClient) => Promise<T>): Promise<T> {
    try {
      return await fn(this.client);
    } catch (error) {
      if (!/401|403|session/i.test((error as Error).message)) throw error;
      this.client = new HubClient(this.base);
      await this.client.login(this.login.username, this.login.password);
      return fn(this.client);
    }
  }

  start(): Promise<void> {
    return this.client.login(this.login.username, this.login.password);
  }
}

export interface Channel {
  /** Publishes the channel again (a content update); `variant` adds a freshly made clip to the loop. Returns its sha256. */
  publish(note: string, variant?: string): Promise<string | undefined>;
  /** A clip with bytes never published before (same picture, new metadata): something the screen must download. */
  freshClip(): Promise<string>;
}

export async function setupChannel(hub: SoakHubClient, workDir: string, liveUrl: string): Promise<Channel> {
  const media = await ensureMediaFixtures();
  const kioskMedia = makeMedia(join(workDir, 'kiosk-media'));
  const kiosk = JSON.parse(await readFile(KIOSK_PLAYLIST, 'utf8')) as Record<string, unknown> & { assets: Record<string, { urls: string[] }> };
  const upload = async (path: string) => (await hub.call((c) => c.upload(path))).sha256;
  const assets: Record<string, { sha256: string }> = {};
  for (const [id, asset] of Object.entries(kiosk.assets)) assets[id] = { sha256: await upload(join(kioskMedia[asset.urls[0]!.replace('media/', '')]!.path)) };
  for (const [id, file] of [['clip-a', 'clip-a.mp4'], ['clip-b', 'clip-b.mp4'], ['clip-c', 'clip-c.webm'], ['still', 'image-a.png']] as const) {
    assets[id] = { sha256: await upload(media.files[file]!.path) };
  }
  let clips = 0;
  const clip = (asset: string) => ({ kind: 'video', asset, transition: { type: 'cut', ms: 0 } });
  const slide = (vi: string, en: string) => ({ kind: 'slide', template: 'headline', duration: 3, fields: { title: { vi, en } } });
  const draft = (note: string, variant?: string) => ({
    title: 'Soak channel',
    audience: { all: true },
    defaults: kiosk.defaults,
    layouts: kiosk.layouts,
    kiosk: { ...(kiosk.kiosk as object), idleSeconds: 20, countdownSeconds: 5 },
    assets: { ...assets, ...(variant ? { variant: { sha256: variant } } : {}) },
    items: {
      ...(kiosk.items as object),
      a: clip('clip-a'),
      b: clip('clip-b'),
      c: { ...clip('clip-c'), transition: { type: 'fade', ms: 500 } },
      still: { kind: 'image', asset: 'still', duration: 3, fit: 'contain' },
      hello: slide('Chào mừng đến Cà Mau', 'Welcome to Cà Mau'),
      note: slide(note, note),
      standby: slide('Trực tiếp sẽ trở lại', 'Live will be back'),
      live: { kind: 'hls', mode: 'live', url: liveUrl, duration: 6, fallback: 'standby' },
      ...(variant ? { fresh: clip('variant') } : {}),
    },
    sequences: { loop: { items: ['a', 'b', 'hello', 'c', 'still', 'live', 'a', 'note', 'mangrove', ...(variant ? ['fresh'] : [])] } },
    schedule: { operatingHours: [{ start: '06:00', end: '22:00' }], fallback: { layout: 'fullscreen', content: { main: 'loop' } }, entries: [] },
  });
  return {
    async publish(note, variant) {
      await hub.call((c) => c.saveDraft(CHANNEL, draft(note, variant)));
      await hub.call((c) => c.publish(CHANNEL));
      return variant;
    },
    async freshClip() {
      const out = join(workDir, `fresh-${++clips}.mp4`);
      await run('ffmpeg', ['-loglevel', 'error', '-y', '-i', media.files['clip-b.mp4']!.path, '-c', 'copy', '-metadata', `comment=soak-${clips}-${Date.now()}`, out]);
      return upload(out);
    },
  };
}

const utf8 = new TextEncoder();
const payloadOf = (envelope: string) => JSON.parse(new TextDecoder().decode(decodeBase64(parseJson(Envelope, envelope, 'envelope').payload))) as Record<string, unknown> & { version: number };

/** The same envelope with the intruder slipped into its payload, the signatures left as they were. */
export function tampered(envelope: string): string {
  const env = parseJson(Envelope, envelope, 'envelope');
  const payload = payloadOf(envelope);
  const items = payload.items as Record<string, unknown>;
  items[INTRUDER] = { kind: 'slide', template: 'headline', duration: 30, theme: { background: '#ff00ff', foreground: '#ff00ff', accent: '#ff00ff' }, fields: { title: 'TAMPERED' } };
  // Every sequence (an emergency takeover's too, which has no 'loop') shows only the intruder.
  for (const sequence of Object.values(payload.sequences as Record<string, { items: string[] }>)) sequence.items = [INTRUDER];
  payload.version += 1;
  return JSON.stringify({ ...env, payload: encodeBase64(utf8.encode(JSON.stringify(payload))) });
}

/** A playlist properly signed with the hub's own key, newer than any, but expired long ago. */
export async function expired(envelope: string, hubDataDir: string, now: number): Promise<string> {
  const key = parsePrivateKeyFile(await readFile(join(hubDataDir, 'keys', 'publisher.key'), 'utf8'), 'hub publisher key');
  const payload = payloadOf(envelope);
  payload.version += 10_000;
  payload.issuedAt = new Date(now - 10 * 86_400_000).toISOString();
  payload.expiresAt = new Date(now - 86_400_000).toISOString();
  return serializeEnvelope(signEnvelope(PAYLOAD_TYPES.playlist, utf8.encode(JSON.stringify(payload)), [key]));
}

export const versionOf = (envelope: string): number => payloadOf(envelope).version;

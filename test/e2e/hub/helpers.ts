import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeBase64 } from '../../../playlists/base64.ts';
import { chainHeadMessage, GENESIS_HASH, recordHash } from '../../../playlists/chain.ts';
import { generateKeyPair, signBytes, type KeyPair } from '../../../playlists/keys.ts';
import type { Heartbeat, InteractionEvent, PlayRecord } from '../../../playlists/schemas/reports.ts';
import { createHub, type Hub, type HubOptions } from '../../../server/hub.ts';
import { startPostgres, type TestPostgres } from './postgres.ts';

export type Backend = 'sqlite' | 'postgres';

export interface Session {
  cookie: string;
  csrf: string;
}

export interface TestHub {
  hub: Hub;
  url: string;
  dataDir: string;
  /** postgres://… of this hub's own database; undefined on SQLite (DATA/hub.sqlite). */
  databaseUrl: string | undefined;
  admin: Session;
  adminPassword: string;
  close(): Promise<void>;
}

let postgres: TestPostgres | undefined;

export async function startTestHub(backend: Backend, options: Partial<HubOptions> = {}): Promise<TestHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pano-hub-'));
  let databaseUrl: string | undefined;
  if (backend === 'postgres') {
    postgres ??= await startPostgres();
    databaseUrl = await postgres.createDatabase(`hub_${randomUUID().replace(/-/g, '').slice(0, 12)}`);
  }
  const hub = await createHub({ dataDir, databaseUrl, port: 0, keepAliveMs: 1_000, ...options });
  const adminPassword = hub.firstAdmin!.password;
  const admin = await login(hub.url, 'admin', adminPassword);
  return {
    hub,
    url: hub.url,
    dataDir,
    databaseUrl,
    admin,
    adminPassword,
    async close() {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function stopPostgres(): Promise<void> {
  await postgres?.stop();
  postgres = undefined;
}

export async function login(url: string, username: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  const cookie = /pano_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
  const { csrf } = (await res.json()) as { csrf: string };
  return { cookie: `pano_session=${cookie}`, csrf };
}

/** An operator call with a session (cookie + CSRF header) or an API token. */
export async function op(url: string, who: Session | string, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = typeof who === 'string' ? { authorization: `Bearer ${who}` } : { cookie: who.cookie, 'x-csrf-token': who.csrf };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${url}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}

export async function opJson<T = Record<string, unknown>>(url: string, who: Session | string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await op(url, who, method, path, body);
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

export async function addUser(t: TestHub, username: string, role: string): Promise<Session> {
  await opJson(t.url, t.admin, 'POST', '/api/users', { username, password: 'correct horse battery', role });
  return login(t.url, username, 'correct horse battery');
}

export function simpleDraft(title: string, audience: Record<string, unknown> = { all: true }) {
  return {
    title,
    audience,
    assets: {},
    layouts: { full: { orientation: 'landscape', zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 1 } } } },
    items: { hello: { kind: 'slide', template: 'headline', duration: 10, fields: { title: title } } },
    sequences: { main: { items: ['hello'] } },
    schedule: { entries: [{ id: 'always', layout: 'full', content: { main: 'main' } }] },
  };
}

export async function publishChannel(t: TestHub, channel: string, draft: unknown = simpleDraft(channel)): Promise<number> {
  await opJson(t.url, t.admin, 'PUT', `/api/channels/${channel}/draft`, { draft });
  return (await opJson<{ version: number }>(t.url, t.admin, 'POST', `/api/channels/${channel}/publish`)).version;
}

/** A screen speaking the device protocol by hand: its own key, token and play-record chain. */
export class FakeDevice {
  readonly id: string;
  readonly key: KeyPair = generateKeyPair();
  token = '';
  urls = { playlistUrl: '', reportUrl: '', pushUrl: '', root: '' };
  seq = -1;
  prev = GENESIS_HASH;
  readonly url: string;

  constructor(url: string, id = `dev-${randomUUID().slice(0, 8)}`) {
    this.url = url;
    this.id = id;
  }

  static async pair(t: TestHub, settings: Record<string, unknown> = {}, id?: string): Promise<FakeDevice> {
    const d = new FakeDevice(t.url, id);
    const start = (await (await fetch(`${t.url}/api/pair`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: d.id, publicKey: encodeBase64(d.key.publicKey), appVersion: 'test' }),
    })).json()) as { pairingId: string; code: string };
    await opJson(t.url, t.admin, 'POST', '/api/pairings/confirm', { code: start.code, name: `Screen ${d.id}`, ...settings });
    const status = (await (await fetch(`${t.url}/api/pair/${start.pairingId}`)).json()) as { status: string; token: string } & FakeDevice['urls'];
    if (status.status !== 'paired') throw new Error(`pairing ${d.id}: ${JSON.stringify(status)}`);
    d.token = status.token;
    d.urls = status;
    return d;
  }

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(path.startsWith('http') ? path : `${this.url}${path}`, { headers: { authorization: `Bearer ${this.token}`, ...headers } });
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(path.startsWith('http') ? path : `${this.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : body instanceof Uint8Array ? new Blob([new Uint8Array(body)]) : JSON.stringify(body),
    });
  }

  heartbeat(over: Partial<Heartbeat> = {}): Heartbeat {
    return {
      id: randomUUID(),
      deviceId: this.id,
      sentAt: new Date().toISOString(),
      appVersion: 'test',
      shell: 'none',
      uptimeSec: 12,
      timeZone: 'Asia/Ho_Chi_Minh',
      playlist: { state: 'ok', channel: 'lobby', version: 1 },
      pending: null,
      rejection: null,
      nowPlaying: [{ display: 'main', zone: 'main', itemId: 'hello', kind: 'slide', since: new Date().toISOString() }],
      cache: { ready: true, assetsReady: 1, assetsTotal: 1, bytesUsed: 10, bytesQuota: 100, freeDiskBytes: null },
      clock: { skewMs: 120, corrected: false },
      outbox: { pending: 0, bytes: 0, dropped: { heartbeats: 0, events: 0, plays: 0 }, corrupt: 0 },
      errors: [],
      ...over,
    };
  }

  /** The next record of this device's chain. */
  record(over: Partial<PlayRecord> = {}): PlayRecord {
    const start = Date.parse('2026-11-20T03:00:00Z') + (this.seq + 1) * 10_000;
    const r: PlayRecord = {
      id: randomUUID(),
      deviceId: this.id,
      seq: this.seq + 1,
      prev: this.prev,
      channel: 'lobby',
      playlistVersion: 1,
      display: 'main',
      zone: 'main',
      itemId: 'hello',
      kind: 'slide',
      startedAt: new Date(start).toISOString(),
      endedAt: new Date(start + 10_000).toISOString(),
      durationMs: 10_000,
      outcome: 'completed',
      ...over,
    };
    this.seq = r.seq;
    this.prev = recordHash(r);
    return r;
  }

  /** A batch of these records, its head signed over from..seq of the first and last (by the device's key unless `key`). */
  batch(records: PlayRecord[], key: KeyPair = this.key) {
    const last = records[records.length - 1]!;
    return { deviceId: this.id, records, head: this.head({ from: records[0]!.seq, seq: last.seq, hash: recordHash(last) }, key) };
  }

  /** A head signed by this device (or `key`) over any span and hash: what the device's key can vouch for. */
  head(span: { from: number; seq: number; hash: string }, key: KeyPair = this.key, deviceId = this.id) {
    return { ...span, keyid: key.keyid, sig: encodeBase64(signBytes(key, chainHeadMessage(deviceId, span))) };
  }

  interaction(over: Partial<InteractionEvent> = {}): InteractionEvent {
    return { type: 'interaction', id: randomUUID(), at: '2026-11-20T04:00:00Z', display: 'main', action: 'section', section: 'food', language: 'vi', ...over };
  }
}

/** Reads SSE frames from a stream until `predicate` matches one. */
export async function openPush(device: FakeDevice): Promise<{ next(pred: (e: { event: string; data: unknown }) => boolean, timeoutMs?: number): Promise<{ event: string; data: unknown }>; close(): void; closed: Promise<void> }> {
  const abort = new AbortController();
  const res = await fetch(device.urls.pushUrl, { headers: { authorization: `Bearer ${device.token}` }, signal: abort.signal });
  if (res.status !== 200) throw new Error(`push: HTTP ${res.status}`);
  const reader = res.body!.getReader();
  const events: { event: string; data: unknown }[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  let resolveClosed!: () => void;
  const closed = new Promise<void>((r) => (resolveClosed = r));
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += new TextDecoder().decode(value);
        let i: number;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          if (frame.startsWith(':')) events.push({ event: 'comment', data: frame });
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      // aborted
    }
    resolveClosed();
    waiters.splice(0).forEach((w) => w());
  })();
  let cursor = 0;
  return {
    async next(pred, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (cursor < events.length) {
          const e = events[cursor++]!;
          if (pred(e)) return e;
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error('push: expected event did not arrive');
        await Promise.race([new Promise<void>((r) => waiters.push(r)), closed.then(() => { throw new Error('push: stream closed'); }), new Promise((r) => setTimeout(r, remaining))]);
      }
    },
    close: () => abort.abort(),
    closed,
  };
}

/**
 * The demo talks to its hub the way an operator's browser does: log in,
 * then send the session cookie and CSRF token with every change.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { parseUnknown } from '../../playlists/parse.ts';

const LoginAnswer = z.object({ csrf: z.string().min(1) });
const UploadAnswer = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), warning: z.string().nullable().optional() });
const ChannelAnswer = z.object({ version: z.number(), draft: z.unknown() });

export class HubClient {
  private cookie = '';
  private csrf = '';
  private readonly base: string;

  constructor(base: string) {
    this.base = base;
  }

  async login(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.base}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
    this.cookie = (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    this.csrf = parseUnknown(LoginAnswer, await res.json(), 'login answer').csrf;
  }

  /** Streams a file to the media library; the hub de-duplicates by sha256. */
  async upload(path: string): Promise<{ sha256: string; warning?: string | null | undefined }> {
    const size = (await stat(path)).size;
    const res = await fetch(`${this.base}/api/media?name=${encodeURIComponent(basename(path))}`, {
      method: 'POST',
      headers: { ...this.headers(), 'content-length': String(size) },
      body: Readable.toWeb(createReadStream(path)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    if (!res.ok) throw new Error(`upload of ${basename(path)} failed: ${res.status} ${await res.text()}`);
    return parseUnknown(UploadAnswer, await res.json(), 'upload answer');
  }

  async channel(id: string): Promise<{ version: number; draft: unknown } | undefined> {
    const res = await fetch(`${this.base}/api/channels/${id}`, { headers: this.headers() });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`reading channel ${id} failed: ${res.status}`);
    return parseUnknown(ChannelAnswer, await res.json(), 'channel');
  }

  async saveDraft(id: string, draft: unknown): Promise<void> {
    await this.send('PUT', `/api/channels/${id}/draft`, { draft, submit: true });
  }

  async publish(id: string): Promise<void> {
    await this.send('POST', `/api/channels/${id}/publish`);
  }

  async confirmPairing(body: { code: string; name: string; tags: string[]; timeZone: string; channel: string; displays?: readonly { id: string; orientation: string; touch: boolean }[] }): Promise<void> {
    await this.send('POST', '/api/pairings/confirm', body);
  }

  /** The one-click takeover (every screen when `devices` is empty), and its end. */
  async startEmergency(body: { title: string; message?: string; devices?: string[] }): Promise<void> {
    await this.send('POST', '/api/emergency', body);
  }

  async endEmergency(): Promise<void> {
    await this.send('DELETE', '/api/emergency');
  }

  private headers(): Record<string, string> {
    return { cookie: this.cookie, 'x-csrf-token': this.csrf };
  }

  private async send(method: string, path: string, body?: unknown): Promise<void> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...this.headers(), 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${await res.text()}`);
  }
}

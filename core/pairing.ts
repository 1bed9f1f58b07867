import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeBase64 } from '../playlists/base64.ts';
import { PanoError } from '../playlists/errors.ts';
import { parseJson, parseJsonText } from '../playlists/parse.ts';
import { PairStart, PairStatus, type PairRequest } from '../playlists/schemas/device-api.ts';
import type { z } from 'zod';
import type { Identity } from './identity.ts';
import type { Clock } from './util/clock.ts';
import { writeFileAtomic } from './util/fs-atomic.ts';
import { postJson, readCapped, request } from './util/http.ts';

export type Paired = Extract<PairStatus, { status: 'paired' }>;

export interface PairingOptions {
  hubUrl: string;
  identity: Identity;
  appVersion: string;
  idleTimeoutMs: number;
  pollMs: number;
  clock: Clock;
  signal: AbortSignal;
  show(p: { code: string; url: string; expiresAt: string }): void;
}

/**
 * Pairing client: announce the device, show the code, poll until an operator
 * claims it. Starts over when a code expires. Resolves with the credentials.
 */
export async function pairWithHub(o: PairingOptions): Promise<Paired> {
  const base = o.hubUrl.replace(/\/+$/, '');
  while (!o.signal.aborted) {
    const body: z.infer<typeof PairRequest> = { deviceId: o.identity.deviceId, publicKey: encodeBase64(o.identity.key.publicKey), appVersion: o.appVersion };
    const res = await postJson(`${base}/api/pair`, body, { idleTimeoutMs: o.idleTimeoutMs, now: o.clock.now });
    if (res.status !== 200 && res.status !== 201) throw new PanoError('HTTP_STATUS', `POST /api/pair: HTTP ${res.status}`);
    const start = parseJson(PairStart, res.text, 'pairing answer');
    o.show({ code: start.code, url: start.url, expiresAt: start.expiresAt });
    for (;;) {
      await wait(o.clock, o.pollMs, o.signal);
      if (o.signal.aborted) break;
      const r = await request(`${base}/api/pair/${encodeURIComponent(start.pairingId)}`, { idleTimeoutMs: o.idleTimeoutMs }, o.clock.now);
      const text = Buffer.from(await readCapped(r, 1024 * 1024, 'pairing status')).toString('utf8');
      if (r.status === 404) break;
      if (r.status !== 200) continue;
      const status = parseJson(PairStatus, text, 'pairing status');
      if (status.status === 'paired') return status;
      if (status.status === 'expired') break;
    }
  }
  throw new PanoError('NETWORK', 'pairing stopped');
}

/** Stores what pairing gave into the data folder's config.json (merged with what is there). */
export async function savePairing(dataDir: string, p: Paired): Promise<Record<string, unknown>> {
  const path = join(dataDir, 'config.json');
  let existing: Record<string, unknown> = {};
  try {
    const parsed = parseJsonText(await readFile(path, 'utf8'), path);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) existing = parsed as Record<string, unknown>;
  } catch {
    // No config yet.
  }
  const next = {
    ...existing,
    deviceToken: p.token,
    playlistUrl: p.playlistUrl,
    reportUrl: p.reportUrl,
    pushUrl: p.pushUrl,
    ...(p.freshnessUrl ? { freshnessUrl: p.freshnessUrl } : {}),
    rootJson: p.root,
    ...(p.timeZone ? { timeZone: p.timeZone } : {}),
    ...(p.displays ? { displays: p.displays } : {}),
    ...(p.tags ? { tags: p.tags } : {}),
  };
  await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`);
  return next;
}

function wait(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const h = clock.setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clock.clearTimeout(h);
      resolve();
    }, { once: true });
  });
}

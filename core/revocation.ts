import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PanoError } from '../playlists/errors.ts';
import { keyIdOf } from '../playlists/keys.ts';
import { parseJsonText } from '../playlists/parse.ts';
import type { RevocationNotice } from '../playlists/schemas/device-trust.ts';
import type { RootMetadata } from '../playlists/schemas/root.ts';
import { MAX_DEVICE_DOC_BYTES, verifyRevocation } from '../playlists/trust-device.ts';
import type { Identity } from './identity.ts';
import type { Clock } from './util/clock.ts';
import { writeFileAtomic } from './util/fs-atomic.ts';
import { discard, readCapped, request } from './util/http.ts';

/** What pairing wrote into config.json; dropped on revocation, so the next start pairs again. */
const PAIRING_KEYS = ['deviceToken', 'playlistUrl', 'reportUrl', 'pushUrl', 'freshnessUrl', 'rootJson'] as const;

/**
 * Revocation that means it (docs/protocol.md, "Revocation"). A 401 from the
 * hub proves nothing (a proxy or an attacker can send one), so it only makes
 * the core ask `GET {reportUrl}/revocation` for the hub's signed notice. A
 * notice signed by the hub role of the trusted root, for this device and the
 * key it holds now, is the only thing that makes the core drop its pairing;
 * a 404, an unsigned or a forged answer changes nothing.
 */
export function watchRevocation(o: {
  clock: Clock;
  idleTimeoutMs: number;
  /** A 401 is looked into at most this often: a proxy that answers 401 to everything must not make the screen hammer the hub. */
  checkEveryMs: number;
  /** The device's own hub URL (reportUrl), or undefined when not paired with a hub. */
  deviceUrl: () => string | undefined;
  root: () => RootMetadata | undefined;
  identity: () => Identity;
  revoked: (notice: RevocationNotice) => Promise<void>;
  fail: (code: PanoError['code'], message: string) => void;
}): { unauthorized(): void } {
  let lastCheck = Number.NEGATIVE_INFINITY;
  let running = false;
  const check = async () => {
    const base = o.deviceUrl();
    const root = o.root();
    if (!base || !root) return;
    const url = `${base.replace(/\/+$/, '')}/revocation`;
    const res = await request(url, { idleTimeoutMs: o.idleTimeoutMs }, o.clock.now);
    if (res.status === 404) return discard(res);
    if (res.status !== 200) {
      discard(res);
      throw new PanoError('HTTP_STATUS', `revocation check ${url}: HTTP ${res.status}`);
    }
    const bytes = await readCapped(res, MAX_DEVICE_DOC_BYTES, 'revocation notice');
    const { deviceId, key } = o.identity();
    const notice = verifyRevocation(bytes, { root, deviceId, deviceKeyId: keyIdOf(key.publicKey) }).value;
    await o.revoked(notice);
  };
  return {
    unauthorized() {
      if (running || o.clock.now() - lastCheck < o.checkEveryMs) return;
      lastCheck = o.clock.now();
      running = true;
      void check()
        .catch((error: unknown) => o.fail(error instanceof PanoError ? error.code : 'NETWORK', `a 401 from the hub, but no revocation the screen can trust: ${(error as Error).message}`))
        .finally(() => (running = false));
    },
  };
}

/**
 * Forgets the revoked pairing on disk: the pairing's part of config.json and
 * the device key (a new key pairs next; the hub's notice names the old one, so
 * it cannot revoke the new pairing). The device id, cache and trust state stay.
 */
export async function forgetPairing(dataDir: string, hubUrl: string): Promise<void> {
  const path = join(dataDir, 'config.json');
  let config: Record<string, unknown> = {};
  try {
    const parsed = parseJsonText(await readFile(path, 'utf8'), path);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) config = parsed as Record<string, unknown>;
  } catch {
    // No config file: the pairing lived only in memory (tests).
  }
  await writeFileAtomic(path, `${JSON.stringify({ ...withoutPairing(config), hubUrl }, null, 2)}\n`);
  await rm(join(dataDir, 'device.key'), { force: true });
}

export function withoutPairing<T extends object>(config: T): T {
  const next = { ...config } as Record<string, unknown>;
  for (const k of PAIRING_KEYS) delete next[k];
  return next as T;
}

/** The hub's base URL, from the device's own URL on it (`…/api/devices/<id>`). */
export const hubBase = (deviceUrl: string): string => deviceUrl.replace(/\/api\/devices\/[^/]+\/?$/, '');

/** Does an error message from the hub say 401? The HTTP layer reports statuses in words (`HTTP 401`). */
export const saysUnauthorized = (message: string): boolean => /\bHTTP 401\b/.test(message);

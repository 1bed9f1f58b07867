import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeBase64 } from '../../playlists/base64.ts';
import { keyIdOf } from '../../playlists/keys.ts';
import type { Db } from '../db/db.ts';

export interface DeviceAuth {
  id: string;
  publicKey: KeyObject;
  /** keyIdOf() of the public key, worked out once here rather than on every signed chain head. */
  keyid: string;
  timeZone: string;
}

export interface ServedPlaylist {
  channel: string;
  version: number;
  etag: string;
  body: string;
}

/** Ed25519 raw public key → KeyObject, for node:crypto's fast verify. */
export function ed25519Key(publicKeyB64: string): KeyObject {
  const raw = Buffer.from(decodeBase64(publicKeyB64, 'device public key'));
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/**
 * In-process caches for the hot device paths (auth on every report, 304 polls).
 * Every write that could change an answer calls `forget()`; with several hub
 * processes on one PostgreSQL, entries also expire after `ttlMs`.
 */
export class DeviceCache {
  readonly #auth = new Map<string, { value: DeviceAuth; at: number }>();
  readonly #playlists = new Map<string, { value: ServedPlaylist | null; at: number }>();
  readonly #db: Db;
  readonly ttlMs: number;

  constructor(db: Db, ttlMs = 5_000) {
    this.#db = db;
    this.ttlMs = ttlMs;
  }

  async auth(tokenHash: string, now: number): Promise<DeviceAuth | undefined> {
    const hit = this.#auth.get(tokenHash);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const row = await this.#db.get<{ id: string; public_key: string; time_zone: string }>(
      'SELECT id, public_key, time_zone FROM devices WHERE token_hash = $1 AND revoked_at IS NULL',
      [tokenHash],
    );
    if (!row) {
      this.#auth.delete(tokenHash);
      return undefined;
    }
    const value = {
      id: row.id,
      publicKey: ed25519Key(row.public_key),
      keyid: keyIdOf(decodeBase64(row.public_key, 'device public key')),
      timeZone: row.time_zone,
    };
    this.#auth.set(tokenHash, { value, at: now });
    return value;
  }

  async playlist(deviceId: string, now: number, load: () => Promise<ServedPlaylist | null>): Promise<ServedPlaylist | null> {
    const hit = this.#playlists.get(deviceId);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = await load();
    this.#playlists.set(deviceId, { value, at: now });
    return value;
  }

  /** After revoke, re-pair, publish, takeover or a device edit. */
  forget(): void {
    this.#auth.clear();
    this.#playlists.clear();
  }
}

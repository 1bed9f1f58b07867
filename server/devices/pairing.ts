import { randomBytes, randomInt } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import type { PairRequest, PairStatus } from '../../playlists/schemas/device-api.ts';
import type { DeviceSettings, PairConfirm } from '../../playlists/schemas/operator-api.ts';
import { audit } from '../audit.ts';
import { DEVICE_TOKEN_PREFIX, newSecret, sha256Hex } from '../auth/tokens.ts';
import type { HubContext } from '../context.ts';
import { GENESIS_HASH } from '../../playlists/chain.ts';
import { HttpError } from '../http/errors.ts';
import { latestRoot } from '../publish/keys.ts';
import { notifyAll } from '../publish/channels.ts';
import { hoursColumn, pushSettings } from './settings-doc.ts';
import { parseJsonText } from '../../playlists/parse.ts';

type PairRequestBody = z.infer<typeof PairRequest>;

const PAIRING_MS = 15 * 60_000;
const CODE_ALPHABET = 'ACDEFGHJKLMNPQRTUVWXY34679';
const MAX_OPEN_PAIRINGS = 500;

const normaliseCode = (code: string) => code.replace('-', '').toUpperCase();
const showCode = (code: string) => `${code.slice(0, 3)}-${code.slice(3)}`;

/** Base URL for links we hand out: the configured public URL, else the Host the request came to. */
export function baseUrl(hub: HubContext, req: IncomingMessage): string {
  if (hub.publicUrl) return hub.publicUrl.replace(/\/$/, '');
  const host = req.headers.host ?? '';
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-fA-F:]+\](:\d{1,5})?$/.test(host)) throw new HttpError(400, 'MALFORMED', 'bad Host header');
  const https = req.headers['x-forwarded-proto'] === 'https' || (req.socket as { encrypted?: boolean }).encrypted === true;
  return `${https ? 'https' : 'http'}://${host}`;
}

export async function startPairing(hub: HubContext, req: IncomingMessage, body: PairRequestBody) {
  const now = hub.now();
  const ip = req.socket.remoteAddress ?? '';
  if (hub.pairLimiter.blockedFor(ip, now)) throw new HttpError(429, 'RATE_LIMITED', 'too many pairing requests from this address; try again in a few minutes');
  hub.pairLimiter.fail(ip, now);
  await hub.db.run('DELETE FROM pairings WHERE expires_at < $1', [now - PAIRING_MS]);
  const open = await hub.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM pairings WHERE paired_at IS NULL');
  if ((open?.n ?? 0) >= MAX_OPEN_PAIRINGS) throw new HttpError(429, 'RATE_LIMITED', 'too many screens are waiting to be paired; try again later');
  const id = randomBytes(24).toString('base64url');
  const base = baseUrl(hub, req);
  for (let attempt = 0; ; attempt++) {
    const code = Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const inserted = await hub.db.run(
      `INSERT INTO pairings (id, code, device_id, public_key, app_version, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO NOTHING`,
      [id, code, body.deviceId, body.publicKey, body.appVersion, now, now + PAIRING_MS],
    );
    if (inserted.changes === 1) {
      return { pairingId: id, code: showCode(code), url: `${base}/pair?code=${showCode(code)}`, expiresAt: new Date(now + PAIRING_MS).toISOString() };
    }
    if (attempt > 10) throw new HttpError(503, 'INTERNAL', 'could not allocate a pairing code');
  }
}

interface PairingRow {
  id: string;
  code: string;
  device_id: string;
  public_key: string;
  expires_at: number;
  paired_at: number | null;
  token: string | null;
}

export async function pairingStatus(hub: HubContext, req: IncomingMessage, pairingId: string): Promise<PairStatus | undefined> {
  const row = await hub.db.get<PairingRow>('SELECT * FROM pairings WHERE id = $1', [pairingId]);
  if (!row) return undefined;
  if (row.paired_at === null || row.token === null) {
    return row.expires_at <= hub.now() ? { status: 'expired' } : { status: 'waiting', expiresAt: new Date(row.expires_at).toISOString() };
  }
  const device = await hub.db.get<{ id: string; time_zone: string; displays: string; tags: string }>('SELECT id, time_zone, displays, tags FROM devices WHERE id = $1', [
    row.device_id,
  ]);
  const root = await latestRoot(hub.db);
  if (!device || !root) return { status: 'expired' };
  const base = baseUrl(hub, req);
  const id = encodeURIComponent(device.id);
  return {
    status: 'paired',
    deviceId: device.id,
    token: row.token,
    playlistUrl: `${base}/feed/${id}.json`,
    reportUrl: `${base}/api/devices/${id}`,
    pushUrl: `${base}/api/devices/${id}/push`,
    freshnessUrl: `${base}/api/devices/${id}/freshness`,
    root: root.envelope,
    timeZone: device.time_zone,
    tags: parseJsonText(device.tags, 'device tags') as string[],
    displays: parseJsonText(device.displays, 'device displays') as PairConfirm['displays'],
  };
}

/**
 * The operator typed the code: create (or re-pair) the device with a fresh
 * token and the public key the screen sent. A re-paired screen starts a new
 * play-record chain, since its key is new.
 */
export async function confirmPairing(hub: HubContext, body: PairConfirm, username: string): Promise<string> {
  const now = hub.now();
  const row = await hub.db.get<PairingRow>('SELECT * FROM pairings WHERE code = $1', [normaliseCode(body.code)]);
  if (!row || row.expires_at <= now || row.paired_at !== null) {
    throw new HttpError(404, 'PAIRING_CODE_UNKNOWN', `no screen is waiting with code ${body.code}; check the code on the screen (codes last 15 minutes)`, [], { code: body.code });
  }
  const token = newSecret(DEVICE_TOKEN_PREFIX);
  await hub.db.tx(async (db) => {
    await db.run(
      `INSERT INTO devices (id, name, tags, time_zone, displays, channel, public_key, token_hash, paired_at, chain_hash, site_group, volume, language, power, operating_hours)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, tags = excluded.tags, time_zone = excluded.time_zone, site_group = excluded.site_group,
         volume = excluded.volume, language = excluded.language, power = excluded.power, operating_hours = excluded.operating_hours,
         displays = excluded.displays, channel = excluded.channel, public_key = excluded.public_key,
         token_hash = excluded.token_hash, paired_at = excluded.paired_at, revoked_at = NULL,
         chain_seq = -1, chain_hash = excluded.chain_hash, chain_status = 'ok', chain_problems = 0, error_json = NULL, error_cleared_at = NULL`,
      [row.device_id, body.name, JSON.stringify(body.tags), body.timeZone, JSON.stringify(body.displays), body.channel, row.public_key, sha256Hex(token), now, GENESIS_HASH, body.group, body.volume, body.language, body.power, hoursColumn(body)],
    );
    // The token is handed to the screen on its next poll; the pairing row expires soon after.
    await db.run('UPDATE pairings SET paired_at = $1, token = $2, expires_at = $3 WHERE id = $4', [now, token, now + PAIRING_MS, row.id]);
  });
  await audit(hub, username, 'pair', `device ${row.device_id} "${body.name}"`);
  hub.devices.forget();
  return row.device_id;
}

export async function revokeDevice(hub: HubContext, deviceId: string, username: string): Promise<boolean> {
  const done = await hub.db.run('UPDATE devices SET revoked_at = $1, token_hash = NULL WHERE id = $2 AND revoked_at IS NULL', [hub.now(), deviceId]);
  hub.devices.forget();
  hub.push.disconnect(deviceId);
  if (done.changes) await audit(hub, username, 'revoke', `device ${deviceId}`);
  return done.changes > 0;
}

export async function updateDevice(hub: HubContext, deviceId: string, body: DeviceSettings, username: string): Promise<boolean> {
  const done = await hub.db.run('UPDATE devices SET name = $1, tags = $2, time_zone = $3, displays = $4, channel = $5, site_group = $6, volume = $7, language = $8, power = $9, operating_hours = $10 WHERE id = $11', [
    body.name,
    JSON.stringify(body.tags),
    body.timeZone,
    JSON.stringify(body.displays),
    body.channel,
    body.group,
    body.volume,
    body.language,
    body.power,
    hoursColumn(body),
    deviceId,
  ]);
  if (done.changes) {
    await audit(hub, username, 'device-edit', `device ${deviceId}`);
    await pushSettings(hub, deviceId);
    await notifyAll(hub);
  }
  return done.changes > 0;
}

import { serializeEnvelope, signEnvelope } from '../../playlists/dsse.ts';
import { PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import type { FreshnessStatement } from '../../playlists/schemas/freshness.ts';
import type { HubContext } from '../context.ts';
import { payloadSha256, playableChannels, resolvePlaylist } from './channels.ts';
import { latestRoot } from './keys.ts';
import { parseJsonText } from '../../playlists/parse.ts';

/** Short, like TUF's timestamp: a captured statement can be replayed to a screen that missed newer ones for an hour at most. */
export const FRESHNESS_TTL_MS = 60 * 60_000;

const utf8 = new TextEncoder();

/** One counter for the whole hub (every process on one database): each statement gets a higher version. */
export async function nextVersion(hub: HubContext): Promise<number> {
  const row = await hub.db.get<{ value: string }>(
    `INSERT INTO settings (key, value) VALUES ('freshness_version', '1')
     ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT) RETURNING value`,
  );
  return Number(row!.value);
}

/** Payload hashes of published envelopes, by ETag (an envelope never changes under one). */
const hashes = new Map<string, string>();
function sha256Of(etag: string, envelope: string): string {
  let sha = hashes.get(etag);
  if (!sha) {
    sha = payloadSha256(envelope);
    if (hashes.size > 1_000) hashes.clear();
    hashes.set(etag, sha);
  }
  return sha;
}

/**
 * The signed freshness statement for one device (docs/signing.md,
 * "Freshness"): what it should play now, exactly as `GET /feed/<device>.json`
 * serves it (the same per-process cache), and the current version of every
 * channel it may be given. Signed with the hub's key on each request.
 */
export async function freshnessStatement(hub: HubContext, deviceId: string): Promise<string> {
  const now = hub.now();
  const [served, playable, root] = await Promise.all([hub.devices.playlist(deviceId, now, () => resolvePlaylist(hub, deviceId)), playableChannels(hub, deviceId), latestRoot(hub.db)]);
  const channels: FreshnessStatement['channels'] = {};
  for (const c of playable?.channels ?? []) channels[c.id] = { version: c.version, sha256: sha256Of(c.etag!, c.envelope!) };
  const statement: FreshnessStatement = {
    type: 'freshness',
    deviceId,
    version: await nextVersion(hub),
    issuedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + FRESHNESS_TTL_MS).toISOString(),
    rootVersion: root?.version ?? 1,
    current: served ? { channel: served.channel, version: served.version, sha256: sha256Of(served.etag, served.body) } : null,
    channels,
    tags: playable ? (parseJsonText(playable.device.tags, 'device tags') as string[]) : [],
  };
  return serializeEnvelope(signEnvelope(PAYLOAD_TYPES.freshness, utf8.encode(JSON.stringify(statement)), [hub.publisher]));
}

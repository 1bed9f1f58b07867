import { createHash } from 'node:crypto';
import { serializeEnvelope, signEnvelope } from '../../playlists/dsse.ts';
import { PanoError } from '../../playlists/errors.ts';
import { parseJson, parseJsonText } from '../../playlists/parse.ts';
import { Envelope, PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import { Playlist, type Audience } from '../../playlists/schemas/playlist.ts';
import { verifyPlaylist } from '../../playlists/trust.ts';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';
import type { ServedPlaylist } from '../devices/cache.ts';
import { composePlaylist, draftOf } from './compose.ts';
import { freezeSubmission } from './board.ts';
import { currentRootMetadata } from './keys.ts';
import { notify } from './notices.ts';

const utf8 = new TextEncoder();

export interface ChannelRow {
  id: string;
  title: string;
  draft: string;
  draft_by: string;
  draft_at: number;
  submitted_at: number | null;
  submitted_by: string | null;
  version: number;
  envelope: string | null;
  etag: string | null;
  audience: string | null;
  published_at: number | null;
  published_by: string | null;
  /** payload sha256 of the frozen submission approvers sign (server/publish/board.ts); null once the draft changes. */
  submission: string | null;
}

/** sha256 of an envelope's payload bytes (what the version conflict check and freshness statements compare). */
export function payloadSha256(envelope: string): string {
  const { payload } = parseJson(Envelope, envelope, 'stored envelope');
  return createHash('sha256').update(Buffer.from(payload, 'base64')).digest('hex');
}

export const etagOf = (envelope: string) => `"${createHash('sha256').update(envelope).digest('hex')}"`;

export async function getChannel(hub: HubContext, id: string): Promise<ChannelRow | undefined> {
  return hub.db.get<ChannelRow>('SELECT * FROM channels WHERE id = $1', [id]);
}

/** Saves an editor's draft after checking that it would publish (every bad path listed otherwise). */
export async function saveDraft(hub: HubContext, channel: string, draft: unknown, username: string, submit: boolean): Promise<void> {
  const existing = await getChannel(hub, channel);
  const playlist = await composePlaylist(hub.db, channel, draft, { version: (existing?.version ?? 0) + 1, now: new Date(hub.now()) });
  const text = JSON.stringify(draft, null, 2);
  const now = hub.now();
  const title = playlist.title ?? channel;
  await hub.db.run(
    `INSERT INTO channels (id, title, draft, draft_by, draft_at, submitted_at, submitted_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, draft = excluded.draft, draft_by = excluded.draft_by,
       draft_at = excluded.draft_at, submitted_at = excluded.submitted_at, submitted_by = excluded.submitted_by`,
    [channel, title, text, username, now, submit ? now : null, submit ? username : null],
  );
  // Any change makes a new version to sign: signatures over the old bytes stay with the old submission.
  if (submit) await freezeSubmission(hub, channel, username);
  else await hub.db.run('UPDATE channels SET submission = NULL WHERE id = $1', [channel]);
  await audit(hub, username, submit ? 'submit' : 'draft', `channel ${channel}`);
}

/** Approver publishes the current draft: compose, sign with the hub's publisher key, bump the version. */
export async function publishDraft(hub: HubContext, channel: string, username: string): Promise<number> {
  const row = await getChannel(hub, channel);
  if (!row) throw new PanoError('REFERENCE_INVALID', `no channel ${channel}`);
  const version = row.version + 1;
  const playlist = await composePlaylist(hub.db, channel, parseJsonText(row.draft, `draft of ${channel}`), { version, now: new Date(hub.now()) });
  const envelope = serializeEnvelope(signEnvelope(PAYLOAD_TYPES.playlist, utf8.encode(JSON.stringify(playlist)), [hub.publisher]));
  // Refuse to store what screens would refuse (e.g. the publisher key is not in the current root).
  verifyPlaylist(envelope, { root: await currentRootMetadata(hub.db), now: new Date(hub.now()), payloadSchema: Playlist });
  await storePublished(hub, channel, playlist.title ?? row.title, version, envelope, playlist.audience, username, undefined);
  await audit(hub, username, 'publish', `channel ${channel} v${version} (signed by hub key ${hub.publisher.keyid.slice(0, 12)})`);
  await notify(hub, { kind: 'published', channel, version, author: row.draft_by, submitter: row.submitted_by ?? row.draft_by, actor: username });
  return version;
}

/** `pano publish`: an envelope signed offline, verified against the hub's current root. */
export async function publishEnvelope(hub: HubContext, envelope: string, username: string): Promise<{ channel: string; version: number; unchanged: boolean }> {
  const root = await currentRootMetadata(hub.db);
  const probe = verifyPlaylist(envelope, { root, now: new Date(hub.now()), payloadSchema: Playlist, maxBytes: hub.limits.maxEnvelopeBytes });
  const channel = probe.value.channel;
  const row = await getChannel(hub, channel);
  const trustedSha = row?.envelope ? payloadSha256(row.envelope) : undefined;
  const verified = verifyPlaylist(envelope, {
    root,
    now: new Date(hub.now()),
    payloadSchema: Playlist,
    maxBytes: hub.limits.maxEnvelopeBytes,
    ...(row?.version ? { trustedVersion: row.version } : {}),
    ...(trustedSha ? { trustedPayloadSha256: trustedSha } : {}),
  });
  if (row && verified.value.version === row.version) return { channel, version: row.version, unchanged: true };
  await storePublished(hub, channel, verified.value.title ?? channel, verified.value.version, envelope, verified.value.audience, username, draftOf(verified.value));
  await audit(hub, username, 'publish', `channel ${channel} v${verified.value.version} (signed offline by ${verified.keyids.map((k) => k.slice(0, 12)).join(', ')})`);
  return { channel, version: verified.value.version, unchanged: false };
}

export async function storePublished(
  hub: HubContext,
  channel: string,
  title: string,
  version: number,
  envelope: string,
  audience: Audience,
  username: string,
  draft: Record<string, unknown> | undefined,
): Promise<void> {
  const now = hub.now();
  await hub.db.tx(async (db) => {
    await db.run(
      `INSERT INTO channels (id, title, draft, draft_by, draft_at, version, envelope, etag, audience, published_at, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $4)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, version = excluded.version, envelope = excluded.envelope,
         etag = excluded.etag, audience = excluded.audience, published_at = excluded.published_at,
         published_by = excluded.published_by, submitted_at = NULL, submitted_by = NULL`,
      [channel, title, JSON.stringify(draft ?? {}, null, 2), username, now, version, envelope, etagOf(envelope), JSON.stringify(audience), now],
    );
    if (draft) await db.run('UPDATE channels SET draft = $1, draft_by = $2, draft_at = $3 WHERE id = $4', [JSON.stringify(draft, null, 2), username, now, channel]);
    await db.run('INSERT INTO playlist_versions (channel, version, envelope, published_by, published_at) VALUES ($1, $2, $3, $4, $5)', [
      channel,
      version,
      envelope,
      username,
      now,
    ]);
  });
  await notifyAll(hub);
}

export const EMERGENCY_CHANNEL = 'emergency';

export function audienceMatches(audience: Audience, device: { id: string; tags: readonly string[] }): boolean {
  return audience.all || audience.devices.includes(device.id) || audience.tags.some((t) => device.tags.includes(t));
}

interface DeviceRow {
  id: string;
  tags: string;
  channel: string | null;
}

/** The published channels a screen may be given: its assigned one, and those whose audience names it (newest first). */
export async function playableChannels(hub: HubContext, deviceId: string): Promise<{ device: DeviceRow; channels: ChannelRow[]; matches: (c: ChannelRow) => boolean } | null> {
  const device = await hub.db.get<DeviceRow>('SELECT id, tags, channel FROM devices WHERE id = $1', [deviceId]);
  if (!device) return null;
  const target = { id: device.id, tags: parseJsonText(device.tags, 'device tags') as string[] };
  const published = await hub.db.all<ChannelRow>('SELECT id, version, envelope, etag, audience FROM channels WHERE envelope IS NOT NULL ORDER BY published_at DESC');
  const matches = (c: ChannelRow) => audienceMatches(parseJsonText(c.audience!, 'audience') as Audience, target);
  return { device, channels: published.filter((c) => c.id === device.channel || matches(c)), matches };
}

/**
 * Which signed playlist a screen gets: an active emergency takeover that
 * targets it; else its assigned channel; else the newest channel whose
 * audience names it.
 */
export async function resolvePlaylist(hub: HubContext, deviceId: string): Promise<ServedPlaylist | null> {
  const playable = await playableChannels(hub, deviceId);
  if (!playable) return null;
  const { device, channels: published, matches } = playable;
  const serve = (c: ChannelRow): ServedPlaylist => ({ channel: c.id, version: c.version, etag: c.etag!, body: c.envelope! });
  const emergency = await hub.db.get<{ active: number }>('SELECT active FROM emergency WHERE id = $1', ['current']);
  const takeover = published.find((c) => c.id === EMERGENCY_CHANNEL);
  if (emergency?.active && takeover && matches(takeover)) return serve(takeover);
  const assigned = device.channel ? published.find((c) => c.id === device.channel) : undefined;
  if (assigned) return serve(assigned);
  const fallback = published.find((c) => c.id !== EMERGENCY_CHANNEL && matches(c));
  return fallback ? serve(fallback) : null;
}

/** After anything that may change what a screen should play: push `playlist` to every connected screen. */
export async function notifyAll(hub: HubContext): Promise<void> {
  hub.devices.forget();
  const ids = await hub.db.all<{ id: string }>('SELECT id FROM devices WHERE revoked_at IS NULL');
  for (const { id } of ids) {
    if (!hub.push.connected(id)) continue;
    const served = await resolvePlaylist(hub, id);
    if (served) hub.push.send(id, 'playlist', { channel: served.channel, version: served.version });
  }
}

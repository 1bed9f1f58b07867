import { createHash, randomUUID } from 'node:crypto';
import { decodeBase64, encodeBase64, tryDecodeBase64 } from '../../playlists/base64.ts';
import { pae, serializeEnvelope, signEnvelope } from '../../playlists/dsse.ts';
import { verifyBytes } from '../../playlists/keys.ts';
import { parseJsonText, parseUnknown } from '../../playlists/parse.ts';
import type { ApprovalSignature } from '../../playlists/schemas/board.ts';
import type { EmergencyDraft} from '../../playlists/schemas/emergency-api.ts';
import { CapInfo, EmergencyRequest } from '../../playlists/schemas/emergency-api.ts';
import { PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import { verifyPlaylist } from '../../playlists/trust.ts';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';
import { conflict, HttpError, notFound } from '../http/errors.ts';
import { EMERGENCY_CHANNEL, getChannel, payloadSha256, storePublished } from './channels.ts';
import { composePlaylist } from './compose.ts';
import { currentEmergencySigning, emergencyDraft, takeoverMinutes } from './emergency-signing.ts';
import { currentRootMetadata } from './keys.ts';

/**
 * Emergency drafts: a takeover written in the studio or made from a CAP
 * alert, waiting to be signed. Tapping "sign" freezes it into the exact
 * payload bytes (next version of channel `emergency`, issued now, duration
 * capped by the root's emergency maximum and by the alert's expiry); the duty
 * officer signs those bytes in the browser; at the emergency role's threshold
 * the hub publishes the envelope exactly as a screen will check it.
 */

const utf8 = new TextEncoder();
const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

interface DraftRow {
  id: string;
  source: 'studio' | 'cap';
  state: EmergencyDraft['state'];
  request: string;
  cap: string | null;
  cap_key: string | null;
  created_at: number;
  created_by: string;
  payload: string | null;
  payload_sha256: string | null;
  published_version: number | null;
}
interface SigRow {
  keyid: string;
  sig: string;
  username: string;
  signed_at: number;
}

type FullRequest = EmergencyRequest & { durationMinutes: number };

async function requireDraft(hub: HubContext, id: string): Promise<DraftRow> {
  const row = await hub.db.get<DraftRow>('SELECT * FROM emergency_drafts WHERE id = $1', [id]);
  if (!row) throw notFound('emergency draft');
  return row;
}

const requestOf = (row: DraftRow): FullRequest => parseUnknown(EmergencyRequest, parseJsonText(row.request, 'emergency draft'), 'emergency draft') as FullRequest;

async function answer(hub: HubContext, row: DraftRow): Promise<EmergencyDraft> {
  const sigs = row.payload_sha256
    ? await hub.db.all<SigRow>('SELECT keyid, sig, username, signed_at FROM emergency_signatures WHERE draft_id = $1 AND payload_sha256 = $2 ORDER BY signed_at', [row.id, row.payload_sha256])
    : [];
  return {
    id: row.id,
    source: row.source,
    state: row.state,
    request: requestOf(row),
    createdAt: iso(row.created_at),
    createdBy: row.created_by,
    cap: row.cap ? parseUnknown(CapInfo, parseJsonText(row.cap, 'CAP info'), 'CAP info') : null,
    signatures: sigs.map((s) => ({ keyid: s.keyid, by: s.username, at: iso(s.signed_at) })),
    publishedVersion: row.published_version === null ? null : Number(row.published_version),
  };
}

export async function createEmergencyDraft(
  hub: HubContext,
  request: FullRequest,
  origin: { source: 'studio' | 'cap'; username: string; cap: CapInfo | null; capKey?: string },
): Promise<EmergencyDraft> {
  const id = randomUUID();
  const req = parseUnknown(EmergencyRequest, request, 'emergency request');
  await hub.db.run(
    'INSERT INTO emergency_drafts (id, source, state, request, cap, cap_key, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [id, origin.source, 'pending', JSON.stringify(req), origin.cap ? JSON.stringify(origin.cap) : null, origin.capKey ?? null, hub.now(), origin.username],
  );
  await audit(hub, origin.username, 'emergency-draft', `${req.title} (${origin.source}, ${req.durationMinutes} min)`);
  return answer(hub, await requireDraft(hub, id));
}

export async function listEmergencyDrafts(hub: HubContext): Promise<EmergencyDraft[]> {
  const rows = await hub.db.all<DraftRow>('SELECT * FROM emergency_drafts ORDER BY created_at DESC LIMIT 50');
  return Promise.all(rows.map((r) => answer(hub, r)));
}

/** pending → cancelled / superseded / discarded (never a published one). */
export async function closeEmergencyDraft(hub: HubContext, id: string, state: 'cancelled' | 'superseded' | 'discarded', username: string): Promise<EmergencyDraft> {
  const claimed = await hub.db.run("UPDATE emergency_drafts SET state = $1 WHERE id = $2 AND state = 'pending'", [state, id]);
  const row = await requireDraft(hub, id);
  if (claimed.changes === 1) await audit(hub, username, 'emergency-draft', `${requestOf(row).title}: ${state}`);
  return answer(hub, row);
}

/** Freezes a pending draft into the bytes to sign now. */
export async function prepareEmergencyDraft(hub: HubContext, id: string): Promise<{ id: string; payloadType: typeof PAYLOAD_TYPES.playlist; payload: string; payloadSha256: string; version: number }> {
  const row = await requireDraft(hub, id);
  if (row.state !== 'pending') throw conflict('CONFLICT', `emergency draft ${id} is ${row.state}`, { what: 'emergency draft' });
  const req = requestOf(row);
  const now = hub.now();
  let minutes = takeoverMinutes(await currentEmergencySigning(hub), req.durationMinutes);
  const capExpires = row.cap ? parseUnknown(CapInfo, parseJsonText(row.cap, 'CAP info'), 'CAP info').expires : null;
  if (capExpires) minutes = Math.min(minutes, Math.floor((Date.parse(capExpires) - now) / 60_000));
  if (!(minutes >= 1)) throw new HttpError(409, 'EXPIRED', `the alert behind emergency draft ${id} expired at ${capExpires}`, [], { at: capExpires });
  const channel = await getChannel(hub, EMERGENCY_CHANNEL);
  const playlist = await composePlaylist(hub.db, EMERGENCY_CHANNEL, emergencyDraft(req), { version: Number(channel?.version ?? 0) + 1, now: new Date(now), lifetimeDays: minutes / 1440 });
  const payload = utf8.encode(`${JSON.stringify(playlist, null, 2)}\n`);
  const sha = sha256Hex(payload);
  await hub.db.run('UPDATE emergency_drafts SET payload = $1, payload_sha256 = $2 WHERE id = $3', [encodeBase64(payload), sha, id]);
  return { id, payloadType: PAYLOAD_TYPES.playlist, payload: encodeBase64(payload), payloadSha256: sha, version: playlist.version };
}

/** A duty officer's signature over the frozen bytes; at the emergency role's threshold the takeover is published. */
export async function signEmergencyDraft(hub: HubContext, id: string, body: ApprovalSignature, username: string): Promise<EmergencyDraft> {
  const row = await requireDraft(hub, id);
  if (row.state !== 'pending') throw conflict('CONFLICT', `emergency draft ${id} is ${row.state}`, { what: 'emergency draft' });
  if (!row.payload || body.payloadSha256 !== row.payload_sha256) {
    throw new HttpError(409, 'SIGNATURE_INVALID', `signature over other bytes: emergency draft ${id} was frozen again since; sign the new bytes`);
  }
  const key = await hub.db.get<{ public: string; username: string }>('SELECT public, username FROM approver_keys WHERE keyid = $1', [body.keyid]);
  if (!key || key.username !== username) throw new HttpError(400, 'SIGNATURE_INVALID', `key ${body.keyid.slice(0, 12)}… is not registered to ${username}`, [], { keyid: body.keyid });
  const signing = await currentEmergencySigning(hub);
  if (signing.mode !== 'duty' || !signing.keyids.includes(body.keyid)) {
    throw new HttpError(403, 'ROLE_NOT_ALLOWED', `key ${body.keyid.slice(0, 12)}… is not in the root's emergency role`, [], { keyid: body.keyid });
  }
  const sig = tryDecodeBase64(body.sig);
  if (sig?.length !== 64 || !verifyBytes(decodeBase64(key.public), pae(PAYLOAD_TYPES.playlist, decodeBase64(row.payload)), sig)) {
    throw new HttpError(400, 'SIGNATURE_INVALID', `the signature does not verify for key ${body.keyid.slice(0, 12)}…`, [], { keyid: body.keyid });
  }
  await hub.db.run(
    `INSERT INTO emergency_signatures (draft_id, payload_sha256, keyid, sig, username, signed_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (draft_id, payload_sha256, keyid) DO NOTHING`,
    [id, row.payload_sha256, body.keyid, encodeBase64(sig), username, hub.now()],
  );
  await audit(hub, username, 'emergency-sign', `${requestOf(row).title} (key ${body.keyid.slice(0, 12)})`);
  const sigs = (await hub.db.all<SigRow>('SELECT keyid, sig, username, signed_at FROM emergency_signatures WHERE draft_id = $1 AND payload_sha256 = $2 ORDER BY signed_at', [id, row.payload_sha256]))
    .filter((s) => signing.keyids.includes(s.keyid));
  if (sigs.length >= signing.threshold) {
    const envelope = serializeEnvelope({ payloadType: PAYLOAD_TYPES.playlist, payload: row.payload, signatures: sigs.map((s) => ({ keyid: s.keyid, sig: s.sig })) });
    await publishTakeover(hub, row, envelope, sigs.map((s) => s.username).join(', '));
  }
  return answer(hub, await requireDraft(hub, id));
}

/** Where the root lets the hub's key sign takeovers: freeze and publish at once. */
export async function publishDraftWithHubKey(hub: HubContext, id: string, username: string): Promise<EmergencyDraft> {
  if ((await currentEmergencySigning(hub)).mode !== 'hub') {
    throw new HttpError(409, 'ROLE_NOT_ALLOWED', "the root does not let the hub's key sign takeovers: the duty officer signs them");
  }
  const frozen = await prepareEmergencyDraft(hub, id);
  const envelope = serializeEnvelope(signEnvelope(PAYLOAD_TYPES.playlist, decodeBase64(frozen.payload), [hub.publisher]));
  await publishTakeover(hub, await requireDraft(hub, id), envelope, username);
  return answer(hub, await requireDraft(hub, id));
}

/** Verified as a screen will check it (scope, duration, version), then on screens: channel `emergency`, takeover active, pushed. */
async function publishTakeover(hub: HubContext, row: DraftRow, envelope: string, who: string): Promise<void> {
  const channel = await getChannel(hub, EMERGENCY_CHANNEL);
  const verified = verifyPlaylist(envelope, {
    root: await currentRootMetadata(hub.db),
    now: new Date(hub.now()),
    payloadSchema: Playlist,
    maxBytes: hub.limits.maxEnvelopeBytes,
    ...(channel?.version ? { trustedVersion: Number(channel.version) } : {}),
    ...(channel?.envelope ? { trustedPayloadSha256: payloadSha256(channel.envelope) } : {}),
  });
  // Two duty officers meeting the threshold at once: only the one that claims the draft publishes.
  const claimed = await hub.db.run("UPDATE emergency_drafts SET state = 'published', published_version = $1 WHERE id = $2 AND state = 'pending'", [verified.value.version, row.id]);
  if (claimed.changes !== 1) return;
  const req = requestOf(row);
  await hub.db.run(
    `INSERT INTO emergency (id, active, message, audience, started_at, started_by) VALUES ('current', 1, $1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET active = 1, message = excluded.message, audience = excluded.audience,
       started_at = excluded.started_at, started_by = excluded.started_by`,
    [req.title, JSON.stringify(req.devices), hub.now(), who],
  );
  await storePublished(hub, EMERGENCY_CHANNEL, verified.value.title ?? EMERGENCY_CHANNEL, verified.value.version, envelope, verified.value.audience, who, emergencyDraft(req));
  await audit(hub, who, 'emergency-start', `${req.title} v${verified.value.version}, ${req.durationMinutes} min (signed by ${verified.keyids.map((k) => k.slice(0, 12)).join(', ')})`);
}

/** The pending or published draft made from a CAP alert (by `sender,identifier`), if any. */
export async function draftOfCap(hub: HubContext, capKey: string): Promise<DraftRow | undefined> {
  return hub.db.get<DraftRow>('SELECT * FROM emergency_drafts WHERE cap_key = $1 ORDER BY created_at DESC LIMIT 1', [capKey]);
}

import { createHash } from 'node:crypto';
import { decodeBase64, encodeBase64, tryDecodeBase64 } from '../../playlists/base64.ts';
import { pae, serializeEnvelope } from '../../playlists/dsse.ts';
import { PanoError } from '../../playlists/errors.ts';
import { keyIdOf, verifyBytes } from '../../playlists/keys.ts';
import type { ApprovalSignature, ApproverKey, Submission } from '../../playlists/schemas/board.ts';
import { PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import { parseJsonText } from '../../playlists/parse.ts';
import { contentSigners } from '../../playlists/trust-roles.ts';
import { verifyPlaylist } from '../../playlists/trust.ts';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';
import { conflict, HttpError, notFound } from '../http/errors.ts';
import { getChannel, payloadSha256, storePublished } from './channels.ts';
import { composePlaylist } from './compose.ts';
import { currentRootMetadata } from './keys.ts';
import { notify } from './notices.ts';

/**
 * The editorial board on the hub (docs/signing.md, "The editorial board").
 * Submitting freezes the draft into the exact payload bytes; approvers sign
 * those bytes with keys only they hold and post the signatures; the hub
 * publishes the envelope of collected signatures the moment the root's board
 * threshold is met. The hub never holds an approver's private key, and its
 * own key does not count for content where the root names a board.
 */

const utf8 = new TextEncoder();
const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

export interface SubmissionRow {
  payload_sha256: string;
  channel: string;
  version: number;
  payload: string;
  author: string;
  submitted_by: string;
  submitted_at: number;
  published_version: number | null;
  withdrawn_at: number | null;
  rollback_of: number | null;
}
interface SignatureRow {
  keyid: string;
  sig: string;
  username: string;
  signed_at: number;
}

/** Freezes the saved draft as the next version: these bytes, and only these, are what approvers sign. */
export async function freezeSubmission(hub: HubContext, channel: string, username: string): Promise<string> {
  const row = await getChannel(hub, channel);
  if (!row) throw notFound('channel');
  const playlist = await composePlaylist(hub.db, channel, parseJsonText(row.draft, `draft of ${channel}`), { version: Number(row.version) + 1, now: new Date(hub.now()) });
  const payload = utf8.encode(`${JSON.stringify(playlist, null, 2)}\n`);
  const sha = sha256Hex(payload);
  await hub.db.tx(async (db) => {
    // The same bytes once sent back and now submitted again: a fresh start, the old signatures do not come back.
    const revived = await db.run('UPDATE submissions SET withdrawn_at = NULL, withdrawn_by = NULL, remark = NULL, submitted_by = $1, submitted_at = $2 WHERE payload_sha256 = $3 AND withdrawn_at IS NOT NULL', [username, hub.now(), sha]);
    if (revived.changes) await db.run('DELETE FROM submission_signatures WHERE payload_sha256 = $1', [sha]);
    await db.run(
      `INSERT INTO submissions (payload_sha256, channel, version, payload, author, submitted_by, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (payload_sha256) DO NOTHING`,
      [sha, channel, playlist.version, encodeBase64(payload), row.draft_by, username, hub.now()],
    );
    await db.run('UPDATE channels SET submission = $1 WHERE id = $2', [sha, channel]);
  });
  await notify(hub, { kind: 'submitted', channel, version: playlist.version, author: row.draft_by, submitter: username, actor: username });
  return sha;
}

export async function currentSubmission(hub: HubContext, channel: string): Promise<SubmissionRow> {
  const row = await getChannel(hub, channel);
  if (!row) throw notFound('channel');
  const sha = row.submission;
  const sub = sha ? await hub.db.get<SubmissionRow>('SELECT * FROM submissions WHERE payload_sha256 = $1 AND withdrawn_at IS NULL', [sha]) : undefined;
  if (!sub) throw notFound('submission');
  return sub;
}

export async function getSubmission(hub: HubContext, channel: string): Promise<Submission> {
  const sub = await currentSubmission(hub, channel);
  const signers = contentSigners(await currentRoot(hub));
  const counted = new Set(signers.keys.map((k) => k.keyid));
  const sigs = await hub.db.all<SignatureRow>('SELECT keyid, sig, username, signed_at FROM submission_signatures WHERE payload_sha256 = $1 ORDER BY signed_at', [sub.payload_sha256]);
  return {
    channel: sub.channel,
    version: Number(sub.version),
    payloadType: PAYLOAD_TYPES.playlist,
    payload: sub.payload,
    payloadSha256: sub.payload_sha256,
    submittedBy: sub.submitted_by,
    submittedAt: iso(sub.submitted_at),
    threshold: signers.threshold,
    signatures: sigs.map((s) => ({ keyid: s.keyid, by: s.username, at: iso(s.signed_at), counts: counted.has(s.keyid) })),
    publishedVersion: sub.published_version === null ? null : Number(sub.published_version),
    rollbackOf: sub.rollback_of == null ? null : Number(sub.rollback_of),
  };
}

/**
 * An approver's signature over the current submission. Refused: over other
 * bytes (the draft changed since) or not valid for the approver's registered
 * key (SIGNATURE_INVALID); by the submission's author or submitter
 * (OWN_SUBMISSION). Publishes when the board's threshold is met.
 */
export async function addSignature(hub: HubContext, channel: string, body: ApprovalSignature, username: string): Promise<Submission> {
  const sub = await currentSubmission(hub, channel);
  if (body.payloadSha256 !== sub.payload_sha256) {
    throw new HttpError(409, 'SIGNATURE_INVALID', `signature over other bytes: the submission of ${channel} is now v${sub.version} (${sub.payload_sha256.slice(0, 12)}…); sign that`, [], { version: Number(sub.version) });
  }
  if (username === sub.author || username === sub.submitted_by) {
    throw new HttpError(403, 'OWN_SUBMISSION', `${username} wrote or submitted this version; their signature does not count for it`, [], { username });
  }
  const key = await hub.db.get<{ public: string; username: string }>('SELECT public, username FROM approver_keys WHERE keyid = $1', [body.keyid]);
  if (!key || key.username !== username) {
    throw new HttpError(400, 'SIGNATURE_INVALID', `key ${body.keyid.slice(0, 12)}… is not registered to ${username}`, [], { keyid: body.keyid });
  }
  const sig = tryDecodeBase64(body.sig);
  const message = pae(PAYLOAD_TYPES.playlist, decodeBase64(sub.payload));
  if (sig?.length !== 64 || !verifyBytes(decodeBase64(key.public), message, sig)) {
    throw new HttpError(400, 'SIGNATURE_INVALID', `the signature does not verify for key ${body.keyid.slice(0, 12)}… over v${sub.version}`, [], { keyid: body.keyid });
  }
  const added = await hub.db.run(
    `INSERT INTO submission_signatures (payload_sha256, keyid, sig, username, signed_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (payload_sha256, keyid) DO NOTHING`,
    [sub.payload_sha256, body.keyid, encodeBase64(sig), username, hub.now()],
  );
  await audit(hub, username, 'sign', `channel ${channel} v${sub.version} (key ${body.keyid.slice(0, 12)})`);
  if (added.changes === 1) await notify(hub, { ...told(sub), kind: 'signed', actor: username });
  if (sub.published_version === null) await publishIfMet(hub, sub);
  return getSubmission(hub, channel);
}

/** The envelope of the counting signatures, published once it verifies exactly as a screen will check it. */
async function publishIfMet(hub: HubContext, sub: SubmissionRow): Promise<void> {
  const root = await currentRoot(hub);
  const signers = contentSigners(root);
  if (signers.role !== 'board') return; // without a board the hub's key publishes (POST …/publish), as before
  const board = new Set(signers.keys.map((k) => k.keyid));
  const rows = await hub.db.all<SignatureRow>('SELECT keyid, sig, username, signed_at FROM submission_signatures WHERE payload_sha256 = $1 ORDER BY signed_at', [sub.payload_sha256]);
  const counting = rows.filter((r) => board.has(r.keyid));
  if (counting.length < signers.threshold) return;
  const envelope = serializeEnvelope({ payloadType: PAYLOAD_TYPES.playlist, payload: sub.payload, signatures: counting.map((r) => ({ keyid: r.keyid, sig: r.sig })) });
  const row = await getChannel(hub, sub.channel);
  const verified = verifyPlaylist(envelope, {
    root,
    now: new Date(hub.now()),
    payloadSchema: Playlist,
    maxBytes: hub.limits.maxEnvelopeBytes,
    ...(row?.version ? { trustedVersion: Number(row.version) } : {}),
    ...(row?.envelope ? { trustedPayloadSha256: payloadSha256(row.envelope) } : {}),
  });
  const who = counting.map((r) => r.username).join(', ');
  // Two approvers signing at once both reach the threshold: only the one that claims the submission publishes.
  // A submission sent back or withdrawn a moment ago is never claimed: signatures over it no longer publish.
  const claimed = await hub.db.run('UPDATE submissions SET published_version = $1 WHERE payload_sha256 = $2 AND published_version IS NULL AND withdrawn_at IS NULL', [verified.value.version, sub.payload_sha256]);
  if (claimed.changes !== 1) return;
  try {
    await storePublished(hub, sub.channel, verified.value.title ?? sub.channel, verified.value.version, envelope, verified.value.audience, who, undefined);
  } catch (error) {
    await hub.db.run('UPDATE submissions SET published_version = NULL WHERE payload_sha256 = $1', [sub.payload_sha256]);
    throw error;
  }
  await audit(hub, who, 'publish', `channel ${sub.channel} v${verified.value.version} (signed by the board: ${who})`);
  await notify(hub, { ...told(sub), kind: 'published', actor: who });
}

const told = (sub: SubmissionRow) => ({ channel: sub.channel, version: Number(sub.version), author: sub.author, submitter: sub.submitted_by });

const currentRoot = (hub: HubContext) => currentRootMetadata(hub.db);

/** Registers the public half of an approver's key (made in their browser or with `pano keygen`). */
export async function registerApproverKey(hub: HubContext, publicB64: string, username: string): Promise<ApproverKey> {
  const bytes = tryDecodeBase64(publicB64);
  if (bytes?.length !== 32) throw new PanoError('SCHEMA_INVALID', 'public key must be 32 bytes of base64', [{ path: 'public', message: 'expected 32 bytes' }]);
  const keyid = keyIdOf(bytes);
  const existing = await hub.db.get<{ username: string }>('SELECT username FROM approver_keys WHERE keyid = $1', [keyid]);
  if (existing && existing.username !== username) throw conflict('CONFLICT', `key ${keyid.slice(0, 12)}… is registered to another user`, { what: 'key' });
  if (!existing) await hub.db.run('INSERT INTO approver_keys (keyid, public, username, registered_at) VALUES ($1, $2, $3, $4)', [keyid, encodeBase64(bytes), username, hub.now()]);
  await audit(hub, username, 'approver-key', `key ${keyid.slice(0, 12)}`);
  return (await listApproverKeys(hub)).find((k) => k.keyid === keyid)!;
}

export async function listApproverKeys(hub: HubContext): Promise<ApproverKey[]> {
  const board = new Set((await currentRoot(hub)).roles.board?.keyids ?? []);
  const rows = await hub.db.all<{ keyid: string; public: string; username: string; registered_at: number }>('SELECT * FROM approver_keys ORDER BY registered_at');
  return rows.map((r) => ({ keyid: r.keyid, public: r.public, username: r.username, registeredAt: iso(r.registered_at), inBoard: board.has(r.keyid) }));
}

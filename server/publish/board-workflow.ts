import { createHash } from 'node:crypto';
import { decodeBase64 } from '../../playlists/base64.ts';
import { diffPlaylists } from '../../playlists/board-diff.ts';
import { parseJson, parseJsonText } from '../../playlists/parse.ts';
import type { SentBack, VersionDiff, VersionRecord } from '../../playlists/schemas/board-workflow.ts';
import type { Submission } from '../../playlists/schemas/board.ts';
import { Envelope } from '../../playlists/schemas/envelope.ts';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import { audit } from '../audit.ts';
import type { Operator } from '../auth/sessions.ts';
import type { HubContext } from '../context.ts';
import { conflict, HttpError, notFound } from '../http/errors.ts';
import { currentSubmission, getSubmission } from './board.ts';
import { getChannel, saveDraft, type ChannelRow } from './channels.ts';
import { draftOf } from './compose.ts';
import { currentRootMetadata } from './keys.ts';
import { notify } from './notices.ts';

/**
 * The board's workflow around a submission (docs/studio.md, "The board's
 * workflow"): send back with a remark, withdraw, the history of published
 * versions with their signers, diffs, and rollback as a new version.
 */

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

/**
 * Takes the current submission out of signing: it can no longer be signed or
 * published (publishIfMet claims only submissions not withdrawn), and the
 * channel goes back to draft with the remark for its editor.
 */
async function takeBack(hub: HubContext, channel: string, username: string, remark: string | null): Promise<SentBack> {
  const sub = await currentSubmission(hub, channel);
  if (sub.published_version !== null) throw conflict('CONFLICT', `v${sub.version} of ${channel} is already published`, { what: 'published' });
  const now = hub.now();
  const taken = await hub.db.tx(async (db) => {
    const r = await db.run('UPDATE submissions SET withdrawn_at = $1, withdrawn_by = $2, remark = $3 WHERE payload_sha256 = $4 AND withdrawn_at IS NULL AND published_version IS NULL', [
      now,
      username,
      remark,
      sub.payload_sha256,
    ]);
    if (r.changes === 1) await db.run('UPDATE channels SET submission = NULL, submitted_at = NULL, submitted_by = NULL WHERE id = $1 AND submission = $2', [channel, sub.payload_sha256]);
    return r.changes === 1;
  });
  if (!taken) throw conflict('CONFLICT', `v${sub.version} of ${channel} was published or taken back a moment ago`, { what: 'submission' });
  await audit(hub, username, remark === null ? 'withdraw' : 'send-back', `channel ${channel} v${sub.version}${remark === null ? '' : `: ${remark.slice(0, 200)}`}`);
  await notify(hub, { kind: remark === null ? 'withdrawn' : 'sentBack', channel, version: Number(sub.version), author: sub.author, submitter: sub.submitted_by, actor: username, remark });
  return { version: Number(sub.version), by: username, at: iso(now), remark };
}

export const sendBack = (hub: HubContext, channel: string, remark: string, op: Operator) => takeBack(hub, channel, op.username, remark);

/** Its author or submitter (or an admin) withdraws a submission; anyone else sends it back with a remark. */
export async function withdraw(hub: HubContext, channel: string, op: Operator): Promise<SentBack> {
  const sub = await currentSubmission(hub, channel);
  if (op.role !== 'admin' && op.username !== sub.author && op.username !== sub.submitted_by) {
    throw new HttpError(403, 'FORBIDDEN', `only the author of v${sub.version} withdraws it; approvers send it back with a remark`, [], { needs: 'author', role: op.role });
  }
  return takeBack(hub, channel, op.username, null);
}

/** The last submission of a channel when it was taken back and nothing was submitted or published since. */
export async function sentBackOf(hub: HubContext, row: ChannelRow): Promise<SentBack | null> {
  if (row.submission !== null) return null;
  const last = await hub.db.get<{ version: number; withdrawn_at: number | null; withdrawn_by: string | null; remark: string | null }>(
    'SELECT version, withdrawn_at, withdrawn_by, remark FROM submissions WHERE channel = $1 ORDER BY submitted_at DESC LIMIT 1',
    [row.id],
  );
  if (!last || last.withdrawn_at === null || Number(last.withdrawn_at) < Number(row.published_at ?? 0)) return null;
  return { version: Number(last.version), by: last.withdrawn_by ?? '', at: iso(last.withdrawn_at), remark: last.remark };
}

const payloadOf = (envelope: string) => {
  const e = parseJson(Envelope, envelope, 'stored envelope');
  return { bytes: decodeBase64(e.payload), keyids: [...new Set(e.signatures.map((s) => s.keyid))] };
};
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every published version, newest first, with each signature's key, its approver and when the hub received it. */
export async function versionHistory(hub: HubContext, channel: string): Promise<{ channel: string; versions: VersionRecord[] }> {
  if (!(await getChannel(hub, channel))) throw notFound('channel');
  const root = await currentRootMetadata(hub.db);
  const board = new Set(root.roles.board?.keyids ?? []);
  const publishers = new Set(root.roles.publisher.keyids);
  const owners = new Map((await hub.db.all<{ keyid: string; username: string }>('SELECT keyid, username FROM approver_keys')).map((k) => [k.keyid, k.username]));
  const rows = await hub.db.all<{ version: number; envelope: string; published_by: string; published_at: number }>(
    'SELECT version, envelope, published_by, published_at FROM playlist_versions WHERE channel = $1 ORDER BY version DESC LIMIT 200',
    [channel],
  );
  const versions: VersionRecord[] = [];
  for (const v of rows) {
    const { bytes, keyids } = payloadOf(v.envelope);
    const sha = sha256(bytes);
    const sigs = new Map((await hub.db.all<{ keyid: string; username: string; signed_at: number }>('SELECT keyid, username, signed_at FROM submission_signatures WHERE payload_sha256 = $1', [sha])).map((s) => [s.keyid, s]));
    const sub = await hub.db.get<{ rollback_of: number | null }>('SELECT rollback_of FROM submissions WHERE payload_sha256 = $1', [sha]);
    versions.push({
      version: Number(v.version),
      publishedAt: iso(v.published_at),
      publishedBy: v.published_by,
      payloadSha256: sha,
      rollbackOf: sub?.rollback_of == null ? null : Number(sub.rollback_of),
      signers: keyids.map((keyid) => {
        const s = sigs.get(keyid);
        return { keyid, by: s?.username ?? owners.get(keyid) ?? null, at: s ? iso(s.signed_at) : null, role: board.has(keyid) ? 'board' : publishers.has(keyid) ? 'publisher' : 'other' };
      }),
    });
  }
  return { channel, versions };
}

async function contentOf(hub: HubContext, channel: string, ref: number | 'submission'): Promise<{ version: number; label: string; playlist: unknown }> {
  if (ref === 'submission') {
    const sub = await currentSubmission(hub, channel);
    return { version: Number(sub.version), label: 'submission', playlist: parseJsonText(new TextDecoder().decode(decodeBase64(sub.payload)), 'submission') };
  }
  const row = await hub.db.get<{ envelope: string }>('SELECT envelope FROM playlist_versions WHERE channel = $1 AND version = $2', [channel, ref]);
  if (!row) throw notFound('version');
  return { version: ref, label: `v${ref}`, playlist: parseJsonText(new TextDecoder().decode(payloadOf(row.envelope).bytes), `${channel} v${ref}`) };
}

export async function versionDiff(hub: HubContext, channel: string, from: number | 'submission', to: number | 'submission'): Promise<VersionDiff> {
  const a = await contentOf(hub, channel, from);
  const b = await contentOf(hub, channel, to);
  return { from: { version: a.version, label: a.label }, to: { version: b.version, label: b.label }, changes: diffPlaylists(a.playlist, b.playlist) };
}

/**
 * "Roll back to version N": N's content becomes the draft and is submitted
 * as the next version, with a new issue time and expiry, for the board to
 * sign like any other. Old bytes are never published again.
 */
export async function rollback(hub: HubContext, channel: string, version: number, op: Operator): Promise<Submission> {
  const row = await hub.db.get<{ envelope: string }>('SELECT envelope FROM playlist_versions WHERE channel = $1 AND version = $2', [channel, version]);
  if (!row) throw notFound('version');
  const old = parseJson(Playlist, new TextDecoder().decode(payloadOf(row.envelope).bytes), `${channel} v${version}`);
  await saveDraft(hub, channel, draftOf(old), op.username, true);
  const sha = (await getChannel(hub, channel))!.submission!;
  await hub.db.run('UPDATE submissions SET rollback_of = $1 WHERE payload_sha256 = $2', [version, sha]);
  await audit(hub, op.username, 'rollback', `channel ${channel}: v${version}'s content submitted as a new version`);
  return getSubmission(hub, channel);
}

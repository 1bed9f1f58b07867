import { createHash } from 'node:crypto';
import { decodeBase64 } from '../../playlists/base64.ts';
import { parseJson, parseJsonBytes } from '../../playlists/parse.ts';
import { Envelope } from '../../playlists/schemas/envelope.ts';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import type { BoardRecord } from '../../playlists/schemas/root-prepare.ts';
import { explainSignatures } from '../../playlists/trust-roles.ts';
import { verifyRootSelf } from '../../playlists/trust.ts';
import type { HubContext } from '../context.ts';
import { notFound } from '../http/errors.ts';

/**
 * The board's record of one published version: each signature of the
 * envelope the hub published, the role of its key and whether it counted,
 * checked against the root the hub held when it published (a later root that
 * drops an approver does not rewrite history), with who posted it and when.
 * The same check `pano verify --explain` makes offline on the envelope.
 */
export async function boardRecord(hub: HubContext, channel: string, version: number): Promise<BoardRecord> {
  const row = await hub.db.get<{ envelope: string; published_by: string; published_at: number }>(
    'SELECT envelope, published_by, published_at FROM playlist_versions WHERE channel = $1 AND version = $2',
    [channel, version],
  );
  if (!row) throw notFound('version');
  const publishedAt = Number(row.published_at);
  const rootRow =
    (await hub.db.get<{ envelope: string }>('SELECT envelope FROM roots WHERE created_at <= $1 ORDER BY version DESC LIMIT 1', [publishedAt])) ??
    (await hub.db.get<{ envelope: string }>('SELECT envelope FROM roots ORDER BY version LIMIT 1'));
  if (!rootRow) throw notFound('root');
  const root = verifyRootSelf(rootRow.envelope).value;
  const envelope = parseJson(Envelope, row.envelope, 'stored envelope');
  const payload = decodeBase64(envelope.payload);
  const sha = createHash('sha256').update(payload).digest('hex');
  const playlist = parseJsonBytes(Playlist, payload, 'published payload');
  const posted = new Map(
    (await hub.db.all<{ keyid: string; username: string; signed_at: number }>('SELECT keyid, username, signed_at FROM submission_signatures WHERE payload_sha256 = $1', [sha])).map((s) => [s.keyid, s]),
  );
  const holders = new Map((await hub.db.all<{ keyid: string; username: string }>('SELECT keyid, username FROM approver_keys')).map((k) => [k.keyid, k.username]));
  const explained = explainSignatures(envelope, root);
  return {
    channel,
    title: playlist.title ?? channel,
    version,
    payloadSha256: sha,
    publishedAt: new Date(publishedAt).toISOString(),
    publishedBy: row.published_by,
    rootVersion: root.version,
    contentRole: explained.role,
    threshold: explained.threshold,
    signatures: explained.signatures.map((s) => {
      const post = posted.get(s.keyid);
      // Without a board the hub's own key signed at publish time, on the publisher's click.
      const by = post?.username ?? holders.get(s.keyid) ?? (s.valid && s.roles.some((r) => r === 'publisher' || r === 'hub') ? row.published_by : null);
      return { keyid: s.keyid, by, at: new Date(post ? Number(post.signed_at) : publishedAt).toISOString(), roles: s.roles, counts: s.counts, verdict: s.verdict };
    }),
  };
}

import type { ChannelDetail, ChannelSummary } from '../../playlists/schemas/operator-api.ts';
import { decodeBase64 } from '../../playlists/base64.ts';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';
import { conflict, notFound } from '../http/errors.ts';
import { EMERGENCY_CHANNEL, getChannel, saveDraft, type ChannelRow } from './channels.ts';
import { freezeSubmission } from './board.ts';
import { sentBackOf } from './board-workflow.ts';
import { composePlaylist } from './compose.ts';
import { parseJsonText } from '../../playlists/parse.ts';

/** A new channel starts from a draft that already publishes: one full-screen layout and a welcome slide. */
export function starterDraft(title: string) {
  return {
    title,
    audience: { all: true },
    assets: {},
    layouts: { full: { orientation: 'landscape', zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 1 } } } },
    items: { welcome: { kind: 'slide', template: 'headline', duration: 10, fields: { title: { vi: 'Xin chào', en: 'Welcome' } } } },
    sequences: { main: { items: ['welcome'] } },
    schedule: { entries: [{ id: 'always', layout: 'full', content: { main: 'main' } }] },
  };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

/** published: screens have the draft as it is; submitted: waiting for an approver; draft: edited since. */
export function channelSummary(c: ChannelRow): ChannelSummary {
  const published = c.version > 0 && c.published_at !== null && Number(c.published_at) >= Number(c.draft_at);
  return {
    id: c.id,
    title: c.title,
    version: Number(c.version),
    state: published ? 'published' : c.submitted_at !== null ? 'submitted' : 'draft',
    system: c.id === EMERGENCY_CHANNEL,
    draftBy: c.draft_by,
    draftAt: iso(c.draft_at)!,
    submittedBy: c.submitted_by,
    submittedAt: iso(c.submitted_at),
    publishedBy: c.published_by,
    publishedAt: iso(c.published_at),
  };
}

export async function listChannels(hub: HubContext): Promise<ChannelSummary[]> {
  return (await hub.db.all<ChannelRow>('SELECT * FROM channels ORDER BY id')).map(channelSummary);
}

export async function requireChannel(hub: HubContext, id: string): Promise<ChannelRow> {
  const row = await getChannel(hub, id);
  if (!row) throw notFound('channel');
  return row;
}

const payloadOf = (envelope: string) => {
  const e = parseJsonText(envelope, 'stored envelope') as { payload: string; signatures: { keyid: string }[] };
  return { playlist: parseJsonText(new TextDecoder().decode(decodeBase64(e.payload)), 'stored playlist') as Record<string, unknown>, keyids: e.signatures.map((s) => s.keyid) };
};

/** The draft, what screens have now, and every version published (newest first). */
export async function channelDetail(hub: HubContext, id: string): Promise<ChannelDetail> {
  const row = await requireChannel(hub, id);
  const versions = await hub.db.all<{ version: number; envelope: string; published_by: string; published_at: number }>(
    'SELECT version, envelope, published_by, published_at FROM playlist_versions WHERE channel = $1 ORDER BY version DESC LIMIT 100',
    [id],
  );
  return {
    ...channelSummary(row),
    draft: parseJsonText(row.draft, `draft of ${id}`) as Record<string, unknown>,
    published: row.envelope ? { version: Number(row.version), playlist: payloadOf(row.envelope).playlist } : null,
    history: versions.map((v) => ({ version: Number(v.version), publishedBy: v.published_by, publishedAt: iso(v.published_at)!, keyids: payloadOf(v.envelope).keyids })),
    sentBack: await sentBackOf(hub, row),
  };
}

export async function createChannel(hub: HubContext, id: string, title: string, username: string): Promise<ChannelDetail> {
  if (await getChannel(hub, id)) throw conflict('CHANNEL_EXISTS', `channel ${id} already exists`, { channel: id });
  await saveDraft(hub, id, starterDraft(title), username, false);
  return channelDetail(hub, id);
}

/** Submits the saved draft as it is (it was checked when saved; checked again here, since media may have gone). */
export async function submitDraft(hub: HubContext, id: string, username: string): Promise<ChannelSummary> {
  const row = await requireChannel(hub, id);
  await composePlaylist(hub.db, id, parseJsonText(row.draft, `draft of ${id}`), { version: Number(row.version) + 1, now: new Date(hub.now()) });
  await hub.db.run('UPDATE channels SET submitted_at = $1, submitted_by = $2 WHERE id = $3', [hub.now(), username, id]);
  await freezeSubmission(hub, id, username);
  await audit(hub, username, 'submit', `channel ${id}`);
  return channelSummary((await getChannel(hub, id))!);
}

/**
 * A draft (saved or not) as the next version a screen would get, unsigned,
 * with hub media at /media/<sha256> so the studio's preview loads them with
 * the operator's session.
 */
export async function previewPlaylist(hub: HubContext, id: string, draft: unknown) {
  const existing = await getChannel(hub, id);
  const playlist = await composePlaylist(hub.db, id, draft, { version: Number(existing?.version ?? 0) + 1, now: new Date(hub.now()) });
  for (const asset of Object.values(playlist.assets)) asset.urls = asset.urls.map((u) => (u.startsWith('../media/') ? u.slice(2) : u));
  return { playlist, composedAt: new Date(hub.now()).toISOString() };
}

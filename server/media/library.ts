import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { MediaItem, MediaPatch, MediaQuery } from '../../playlists/schemas/operator-api.ts';
import { decodeBase64 } from '../../playlists/base64.ts';
import { mediaTitle } from '../../playlists/titles.ts';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';
import { conflict, notFound } from '../http/errors.ts';
import { makeThumbnail } from './thumbnails.ts';
import { parseJsonText } from '../../playlists/parse.ts';

export const mediaDir = (hub: HubContext) => join(hub.dataDir, 'media');
export const mediaPath = (hub: HubContext, sha256: string) => join(mediaDir(hub), sha256);
export const thumbnailPath = (hub: HubContext, sha256: string) => join(mediaDir(hub), 'thumbnails', `${sha256}.jpg`);

// One ffmpeg at a time, off the upload's answer: a batch of uploads must not take both cores
// from screens' reports (each run costs ~0.3-1.5 s, mostly ffmpeg's start-up).
const making = new Map<string, Promise<boolean>>();
let queue: Promise<unknown> = Promise.resolve();

export interface MediaRow {
  sha256: string;
  size: number;
  type: string;
  name: string;
  title: string | null;
  tags: string;
  duration_sec: number | null;
  width: number | null;
  height: number | null;
  codec: string | null;
  warning: string | null;
  uploaded_by: string;
  created_at: number;
  expires_on: string | null;
  /** 1: made; 0: not yet; -1: ffmpeg could not make one. */
  thumbnail: number;
}

const kindOf = (type: string): MediaItem['kind'] =>
  type.startsWith('video/') ? 'video' : type.startsWith('image/') ? 'image' : type === 'text/vtt' ? 'subtitle' : type.startsWith('font/') ? 'font' : 'other';

/** Today in the hub's zone, YYYY-MM-DD (a file may be used through its last day). */
const today = (hub: HubContext) => new Intl.DateTimeFormat('en-CA', { timeZone: hub.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(hub.now());

type Use = MediaItem['usedBy'][number];

/** sha256 → the channels whose draft or published playlist names it. */
export async function mediaUses(hub: HubContext): Promise<Map<string, Use[]>> {
  const rows = await hub.db.all<{ id: string; title: string; draft: string; envelope: string | null }>('SELECT id, title, draft, envelope FROM channels ORDER BY id');
  const uses = new Map<string, Use[]>();
  const shas = (playlist: { assets?: Record<string, { sha256?: string }> }) => new Set(Object.values(playlist.assets ?? {}).flatMap((a) => (a.sha256 ? [a.sha256] : [])));
  for (const c of rows) {
    const inDraft = shas(parseJsonText(c.draft, `draft of ${c.id}`) as never);
    const inPublished = c.envelope ? shas(parseJsonText(new TextDecoder().decode(decodeBase64((parseJsonText(c.envelope, 'stored envelope') as { payload: string }).payload)), 'stored playlist') as never) : new Set<string>();
    for (const sha of new Set([...inDraft, ...inPublished])) {
      const list = uses.get(sha) ?? [];
      list.push({ id: c.id, title: c.title, draft: inDraft.has(sha), published: inPublished.has(sha) });
      uses.set(sha, list);
    }
  }
  return uses;
}

export function toMediaItem(hub: HubContext, r: MediaRow, uses: Map<string, Use[]>): MediaItem {
  return {
    sha256: r.sha256,
    name: r.name,
    title: mediaTitle(r),
    tags: parseJsonText(r.tags, 'media tags') as string[],
    size: Number(r.size),
    type: r.type,
    kind: kindOf(r.type),
    durationSec: r.duration_sec,
    width: r.width,
    height: r.height,
    codec: r.codec,
    warning: r.warning,
    createdAt: new Date(Number(r.created_at)).toISOString(),
    createdBy: r.uploaded_by,
    expiresAt: r.expires_on,
    expired: r.expires_on !== null && r.expires_on < today(hub),
    url: `/media/${r.sha256}`,
    thumbnailUrl: canHaveThumbnail(r) && r.thumbnail !== -1 ? `/api/media/${r.sha256}/thumbnail` : null,
    usedBy: uses.get(r.sha256) ?? [],
  };
}

/** For search: lower case without Vietnamese tone marks, so "ca mau" finds "Cà Mau". */
export const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

export async function listMedia(hub: HubContext, q: z.output<typeof MediaQuery>): Promise<MediaItem[]> {
  const uses = await mediaUses(hub);
  const words = folded(q.q ?? '').split(/\s+/).filter(Boolean);
  return (await hub.db.all<MediaRow>('SELECT * FROM media ORDER BY created_at DESC, sha256'))
    .map((r) => toMediaItem(hub, r, uses))
    .filter((m) => (!q.type || m.kind === q.type) && (!q.tag || m.tags.includes(q.tag)))
    .filter((m) => words.every((w) => folded(`${m.title} ${m.name} ${m.tags.join(' ')}`).includes(w)));
}

async function requireRow(hub: HubContext, sha256: string): Promise<MediaRow> {
  const row = /^[0-9a-f]{64}$/.test(sha256) ? await hub.db.get<MediaRow>('SELECT * FROM media WHERE sha256 = $1', [sha256]) : undefined;
  if (!row) throw notFound('media');
  return row;
}

export async function getMedia(hub: HubContext, sha256: string): Promise<MediaItem> {
  return toMediaItem(hub, await requireRow(hub, sha256), await mediaUses(hub));
}

export async function updateMedia(hub: HubContext, sha256: string, patch: z.output<typeof MediaPatch>, username: string): Promise<MediaItem> {
  const row = await requireRow(hub, sha256);
  await hub.db.run('UPDATE media SET title = $1, tags = $2, expires_on = $3 WHERE sha256 = $4', [
    patch.title ?? row.title,
    patch.tags ? JSON.stringify([...new Set(patch.tags)]) : row.tags,
    patch.expiresAt === undefined ? row.expires_on : patch.expiresAt,
    sha256,
  ]);
  await audit(hub, username, 'media-edit', `${row.name} (${sha256.slice(0, 12)})`);
  return getMedia(hub, sha256);
}

/** Refused (409 MEDIA_IN_USE, naming them) while any channel's draft or published playlist names the file. */
export async function deleteMedia(hub: HubContext, sha256: string, username: string): Promise<void> {
  const row = await requireRow(hub, sha256);
  const uses = (await mediaUses(hub)).get(sha256) ?? [];
  if (uses.length) {
    throw conflict('MEDIA_IN_USE', `${row.name} is used by ${uses.map((u) => `${u.title} (${u.id})`).join(', ')}`, { channels: uses });
  }
  await making.get(thumbnailPath(hub, sha256)); // a thumbnail still being made would outlive its file
  await hub.db.run('DELETE FROM media WHERE sha256 = $1', [sha256]);
  await rm(mediaPath(hub, sha256), { force: true });
  await rm(thumbnailPath(hub, sha256), { force: true });
  await audit(hub, username, 'media-delete', `${row.name} (${sha256.slice(0, 12)})`);
}

type ThumbnailRow = Pick<MediaRow, 'sha256' | 'type' | 'duration_sec' | 'thumbnail'>;

const canHaveThumbnail = (row: Pick<MediaRow, 'type'>) => (kindOf(row.type) === 'video' || kindOf(row.type) === 'image') && row.type !== 'image/svg+xml';

async function makeOne(hub: HubContext, row: ThumbnailRow): Promise<boolean> {
  const made = await makeThumbnail(mediaPath(hub, row.sha256), thumbnailPath(hub, row.sha256), kindOf(row.type) as 'video' | 'image', row.duration_sec);
  await hub.db.run('UPDATE media SET thumbnail = $1 WHERE sha256 = $2', [made ? 1 : -1, row.sha256]);
  return made;
}

/**
 * The thumbnail of a file, made once: queued at upload, awaited by the first
 * request for it (files uploaded before thumbnails existed get theirs then).
 * False when the file cannot have one.
 */
export function ensureThumbnail(hub: HubContext, row: ThumbnailRow): Promise<boolean> {
  if (row.thumbnail !== 0 || !canHaveThumbnail(row)) return Promise.resolve(row.thumbnail === 1);
  const key = thumbnailPath(hub, row.sha256);
  let job = making.get(key);
  if (!job) {
    job = queue.then(() => makeOne(hub, row)).catch((error: Error) => {
      hub.log(`thumbnail ${row.sha256.slice(0, 12)}: ${error.message}`);
      return false;
    });
    const settled = job.finally(() => making.delete(key));
    making.set(key, settled);
    queue = settled;
    job = settled;
  }
  return job;
}

export { requireRow as requireMediaRow };

import { z } from 'zod';
import { PanoError, type BadPath } from '../../playlists/errors.ts';
import { parseUnknown } from '../../playlists/parse.ts';
import { Id } from '../../playlists/schemas/common.ts';
import { Playlist } from '../../playlists/schemas/playlist.ts';
import type { Db } from '../db/db.ts';

/**
 * What an editor writes: a playlist without the fields the hub fills at
 * publish time (schemaVersion, channel, version, issuedAt, expiresAt). An
 * asset may name only `sha256` of an uploaded file; the hub adds type, size,
 * URL and probe results from the media library.
 */
export const ChannelDraft = z.looseObject({
  title: z.string().max(200).optional(),
  audience: z.unknown(),
  assets: z.record(z.string(), z.looseObject({ sha256: z.string().optional() })).default({}),
});
export type ChannelDraft = z.infer<typeof ChannelDraft>;

export const ChannelId = Id;

/** Days a published playlist stays valid; screens keep playing an expired current one anyway. */
export const PLAYLIST_LIFETIME_DAYS = 30;

interface MediaRow {
  sha256: string;
  size: number;
  type: string;
  duration_sec: number | null;
  width: number | null;
  height: number | null;
}

/** Asset URLs are relative to the playlist URL (/feed/<device>.json, or <channel>.json in an export). */
export const mediaUrl = (sha256: string) => `../media/${sha256}`;

/** Draft → full, valid Playlist, or SCHEMA_INVALID with every bad path (as in the draft). */
export async function composePlaylist(
  db: Db,
  channel: string,
  draftValue: unknown,
  meta: { version: number; now: Date; lifetimeDays?: number },
): Promise<Playlist> {
  const draft = parseUnknown(ChannelDraft, draftValue, 'channel draft');
  const issues: BadPath[] = [];
  const assets: Record<string, unknown> = {};
  for (const [id, asset] of Object.entries(draft.assets)) {
    const complete = 'type' in asset && 'size' in asset && 'urls' in asset;
    if (complete || asset.sha256 === undefined) {
      assets[id] = asset;
      continue;
    }
    const media = await db.get<MediaRow>('SELECT sha256, size, type, duration_sec, width, height FROM media WHERE sha256 = $1', [asset.sha256]);
    if (!media) {
      issues.push({ path: `assets.${id}.sha256`, message: 'no uploaded media file has this sha256', code: 'custom', params: { rule: 'unknownMedia', id } });
      continue;
    }
    assets[id] = {
      type: media.type,
      sha256: media.sha256,
      size: media.size,
      urls: [mediaUrl(media.sha256)],
      ...(media.duration_sec ? { durationSec: media.duration_sec } : {}),
      ...(media.width ? { width: media.width } : {}),
      ...(media.height ? { height: media.height } : {}),
      ...asset,
    };
  }
  if (issues.length) throw new PanoError('SCHEMA_INVALID', `channel draft is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
  const issuedAt = meta.now.toISOString();
  const expiresAt = new Date(meta.now.getTime() + (meta.lifetimeDays ?? PLAYLIST_LIFETIME_DAYS) * 86_400_000).toISOString();
  return parseUnknown(
    Playlist,
    { ...draft, assets, schemaVersion: 1, channel, version: meta.version, issuedAt, expiresAt },
    `channel ${channel}`,
  );
}

/** Back from a published playlist to an editable draft (for envelopes published with `pano publish`). */
export function draftOf(playlist: Playlist): Record<string, unknown> {
  const { schemaVersion: _s, channel: _c, version: _v, issuedAt: _i, expiresAt: _e, ...rest } = playlist;
  return rest;
}

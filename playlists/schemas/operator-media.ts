import { z } from 'zod';
import { Id, Instant, LocalDate, Sha256Hex } from './common.ts';

/**
 * The operator API's media library: files, their uses, uploads and edits.
 * Part of the one operator API (operator-api.ts re-exports it).
 */

export const MediaKind = z.enum(['video', 'image', 'subtitle', 'font', 'other']);
export const MediaTag = z.string().trim().min(1).max(40);
export const MediaUse = z.object({ id: Id, title: z.string(), draft: z.boolean(), published: z.boolean() });
export const MediaItem = z.object({
  sha256: Sha256Hex,
  /** The file name it was uploaded as. */
  name: z.string(),
  title: z.string(),
  tags: z.array(z.string()),
  size: z.int(),
  type: z.string(),
  kind: MediaKind,
  durationSec: z.number().nullable(),
  width: z.int().nullable(),
  height: z.int().nullable(),
  codec: z.string().nullable(),
  /** Why screens may not play it well (codec, size), English; null when fine. */
  warning: z.string().nullable(),
  createdAt: Instant,
  createdBy: z.string(),
  /** Last day it may be used (hub zone), or null. */
  expiresAt: LocalDate.nullable(),
  expired: z.boolean(),
  /** Same-origin URLs: the file (Range) and a JPEG thumbnail / poster frame (null for fonts, subtitles, or when ffmpeg could not make one). */
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
  /** Channels whose draft or published playlist names this file. */
  usedBy: z.array(MediaUse),
});
export type MediaItem = z.infer<typeof MediaItem>;
export const MediaList = z.object({ media: z.array(MediaItem) });
export const MediaQuery = z.strictObject({
  q: z.string().max(200).optional(),
  tag: MediaTag.optional(),
  type: MediaKind.optional(),
});
export const UploadQuery = z.strictObject({
  name: z.string().trim().min(1).max(200).regex(/^[^/\\\0]+$/, 'a file name without slashes'),
});
export const Uploaded = MediaItem.extend({ deduplicated: z.boolean() });
export const MediaPatch = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  tags: z.array(MediaTag).max(20).optional(),
  expiresAt: LocalDate.nullable().optional(),
});

import { z } from 'zod';
import { MediaUrl, Sha256Hex } from './common.ts';

/** Media types a screen can play; anything else is refused at signing time. */
export const MEDIA_TYPES = [
  'video/mp4',
  'video/webm',
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/svg+xml',
  'text/vtt',
  'application/vnd.apple.mpegurl',
  'font/woff2',
] as const;
export const MediaType = z.enum(MEDIA_TYPES);
export type MediaType = z.infer<typeof MediaType>;

/** 64 GiB: a sanity cap; real caps come from each asset's declared size. */
const MAX_ASSET_BYTES = 64 * 1024 ** 3;
export const ByteSize = z.int().min(0).max(MAX_ASSET_BYTES);

/**
 * A path inside an HLS stream's folder, exactly as the .m3u8 references it:
 * relative, no `..`, no scheme, no query.
 */
export const StreamPath = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9._~!$&'()*+,;=:@%-]+(\/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)*$/, 'expected a relative path without query')
  .refine((p) => !p.split('/').some((s) => s === '..' || s === '.'), { message: 'must not contain . or .. segments', params: { rule: 'dotSegments' } });

const assetShape = <H extends z.ZodType, S extends z.ZodType>(hash: H, size: S) => ({
  type: MediaType,
  sha256: hash,
  size,
  /** Mirrors, tried in order. Relative URLs resolve against the playlist's URL. */
  urls: z.array(MediaUrl).min(1).max(8),
  /** Optional probe results, for reports and the hub's checks. */
  durationSec: z.number().positive().optional(),
  width: z.int().positive().optional(),
  height: z.int().positive().optional(),
  /** HLS VOD: every file of the stream, pinned; paths relative to the .m3u8. */
  files: z
    .array(z.strictObject({ path: StreamPath, sha256: hash, size }))
    .max(20_000)
    .optional(),
});

const hlsNeedsFiles = (a: { type: string; files?: unknown[] | undefined }) =>
  a.type !== 'application/vnd.apple.mpegurl' || (a.files !== undefined && a.files.length > 0);
const hlsMessage = { message: 'an HLS asset lists every file of the stream in files', path: ['files'], params: { rule: 'hlsFiles' } };

/** An asset in a signed playlist: pinned by sha256 and exact byte size. */
export const Asset = z.strictObject(assetShape(Sha256Hex, ByteSize)).refine(hlsNeedsFiles, hlsMessage);
export type Asset = z.infer<typeof Asset>;

/** An asset in a draft: `pano sign --media DIR` fills in sha256 and size. */
export const AssetDraft = z
  .strictObject(assetShape(Sha256Hex.optional(), ByteSize.optional()))
  .refine(hlsNeedsFiles, hlsMessage);
export type AssetDraft = z.infer<typeof AssetDraft>;

import { z } from 'zod';
import { Id, Instant, Lang, Sha256Hex, TimeZone } from './common.ts';
import { ErrorCode } from './reports.ts';
import { OperatingHoursList } from './schedule.ts';

/**
 * The core's local API, as the renderer sees it (HTTP on 127.0.0.1 only).
 *
 *   GET  /?token=T&display=D  sets the session cookie (HttpOnly, SameSite=Strict), redirects to /?display=D
 *   GET  /                    the renderer bundle (index.html + assets)
 *   GET  /api/state           PlayerState (JSON)
 *   GET  /api/state/stream    PlayerState on every change (SSE, event `state`)
 *   POST /api/events          RendererEvent or an array of them → 202
 *   GET  /media/<sha256>      a verified cached file, with Range and its Content-Type
 *   GET  /media/<sha256>/<p>  a file of a cached HLS stream: <sha256> names the .m3u8 asset, <p> a path it lists
 *
 * Every request needs the cookie (or `Authorization: Bearer T`); a Host
 * header other than 127.0.0.1:<port> / localhost:<port> is refused.
 */

export const DisplayConfig = z.strictObject({
  /** Display role, e.g. main, secondary, kiosk. */
  id: Id,
  orientation: z.enum(['landscape', 'portrait']).default('landscape'),
  /** Touch kiosk pages are offered on this display when the playlist has them. */
  touch: z.boolean().default(false),
});
export type DisplayConfig = z.infer<typeof DisplayConfig>;

export const DownloadProgress = z.strictObject({
  assetsReady: z.int().min(0),
  assetsTotal: z.int().min(0),
  bytesDone: z.int().min(0),
  bytesTotal: z.int().min(0),
});
export type DownloadProgress = z.infer<typeof DownloadProgress>;

export const PlayerState = z.strictObject({
  deviceId: Id,
  /**
   * pairing: no credentials yet, show `pairing`; preparing: no playlist ready
   * yet, show progress; ready: play `playlist`.
   */
  phase: z.enum(['pairing', 'preparing', 'ready']),
  /** The adopted playlist: verified payload, parsed by the renderer with Playlist. */
  playlist: z
    .strictObject({
      channel: Id,
      version: z.int().min(1),
      /** The exact verified payload (JSON text), so the renderer parses it with the same schema. */
      payload: z.string(),
      expired: z.boolean(),
    })
    .nullable(),
  /** asset id → URL on this API (/media/<sha256>, or /media/<sha256>/<index path> for HLS). */
  media: z.record(Id, z.string()),
  /** asset id → sha256, for play records. */
  assetHashes: z.record(Id, Sha256Hex),
  progress: DownloadProgress,
  timeZone: TimeZone,
  language: Lang,
  /** Master volume 0–100 from the hub's signed settings, on top of each item's volume; absent: 100. */
  volume: z.int().min(0).max(100).optional(),
  /** The screen's own opening hours from the hub's signed settings (in `timeZone`); black outside them as outside the schedule's. */
  operatingHours: OperatingHoursList.optional(),
  displays: z.array(DisplayConfig).min(1),
  /** Milliseconds to add to the local clock to get the corrected time (0 when within threshold). */
  clockOffsetMs: z.number(),
  pairing: z.strictObject({ code: z.string(), url: z.string(), expiresAt: Instant }).nullable(),
  lastError: z.strictObject({ code: ErrorCode, message: z.string() }).nullable(),
  /** Bumped by the hub's reload command: the renderer reloads when it changes. */
  reloadToken: z.int().min(0),
});
export type PlayerState = z.infer<typeof PlayerState>;

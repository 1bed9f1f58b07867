import { z } from 'zod';
import { DisplayConfig } from '../playlists/schemas/local-api.ts';
import { Id, Lang, TimeZone } from '../playlists/schemas/common.ts';
import { RendererGuardConfig } from './chromium/guard-config.ts';
import { PowerBackend } from '../playlists/schemas/reports.ts';
import { OperatingHoursList } from '../playlists/schemas/schedule.ts';

const Url = z.string().url();
const Ms = z.int().min(1);

/**
 * Everything the core needs to run. The CLI builds it from the config file,
 * environment and flags; tests pass it directly. Parsed with zod like any
 * other boundary.
 */
export const CoreConfig = z.strictObject({
  dataDir: z.string().min(1),
  /** Signed playlist envelope; absent until paired when `hubUrl` is set. */
  playlistUrl: Url.optional(),
  /** Pinned first root (file path); later roots come from rotations and live in the data folder. */
  rootFile: z.string().min(1).optional(),
  /** The same, as envelope text (pairing stores it this way). */
  rootJson: z.string().min(1).optional(),
  reportUrl: Url.optional(),
  /** Server-Sent Events stream of `playlist` and `command` events. */
  pushUrl: Url.optional(),
  /**
   * The hub's freshness statement for this screen (set by pairing). When set,
   * a playlist is adopted only if the newest statement names it (NOT_CURRENT
   * otherwise): docs/signing.md, "Freshness".
   */
  freshnessUrl: Url.optional(),
  hubUrl: Url.optional(),
  /** Device token from pairing: `Authorization: Bearer` on every hub request. */
  deviceToken: z.string().min(1).optional(),
  /** Local API port; 0 picks a free one. */
  apiPort: z.int().min(0).max(65_535).default(0),
  tags: z.array(z.string().max(64)).max(100).default([]),
  /** Version of the hub's signed device settings last applied (core/sync/settings.ts): an older document is refused. */
  settingsVersion: z.int().min(1).optional(),
  timeZone: TimeZone.default('Asia/Ho_Chi_Minh'),
  language: Lang.default('vi'),
  /** Master volume 0–100 (the hub's signed settings): the renderer multiplies each item's volume by it. */
  volume: z.int().min(0).max(100).default(100),
  displays: z.array(DisplayConfig).min(1).max(16).default([{ id: 'main', orientation: 'landscape', touch: false }]),
  /** How the panel is switched off outside operating hours (core/power); absent: DPMS where a shell shows pages on X, else none. */
  power: PowerBackend.optional(),
  /** The screen's own opening hours (the hub's signed settings), in `timeZone`: black and panel off outside them as outside the schedule's. */
  operatingHours: OperatingHoursList.optional(),
  /** How long a `wake` command holds the panel on outside operating hours (it ends sooner when they begin). */
  wakeMs: Ms.default(60 * 60_000),
  pollIntervalMs: Ms.default(60_000),
  /**
   * How often a poll also looks for a newer root (root/<N+1>.json) when the
   * playlist has not changed; a changed playlist always looks first. A root
   * rotated well before the old one expires reaches every screen in time.
   */
  rootCheckIntervalMs: Ms.default(6 * 3_600_000),
  /** Fraction of the poll interval added or removed at random, so a fleet does not poll in step. */
  pollJitter: z.number().min(0).max(1).default(0.2),
  maxBackoffMs: Ms.default(15 * 60_000),
  heartbeatIntervalMs: Ms.default(60_000),
  pairingPollMs: Ms.default(2_000),
  /** A 401 from the hub makes the core ask for a signed revocation notice at most this often (core/revocation.ts). */
  revocationCheckMs: Ms.default(30_000),
  /** First retry delay of a failed download (doubles each time). */
  retryBaseMs: Ms.default(1_000),
  uploadIntervalMs: Ms.default(10_000),
  idleTimeoutMs: Ms.default(30_000),
  maxPlaylistBytes: z.int().min(1024).default(4 * 1024 * 1024),
  downloadConcurrency: z.int().min(1).max(16).default(2),
  downloadRetries: z.int().min(0).max(20).default(4),
  cacheQuotaBytes: z.int().min(0).default(32 * 1024 ** 3),
  /**
   * A cached file whose last whole-file hash is older than this is hashed
   * again: by the background pass, or before a partial range of it is served.
   */
  cacheReverifyMs: Ms.default(24 * 3_600_000),
  /** Read rate of the background re-hash (Node has no I/O priority: it reads slowly instead). */
  cacheReverifyBytesPerSec: z.int().min(64 * 1024).default(32 * 1024 * 1024),
  outboxQuotaBytes: z.int().min(64 * 1024).default(64 * 1024 ** 2),
  /** A page silent this long (pages post at least every 20 s) counts as stalled and is reloaded (core/report/renderer-path.ts). */
  rendererStallMs: Ms.default(80_000),
  /** Chromium's memory bound: fresh starts in closed hours or at an item end (core/chromium/guard-config.ts). */
  rendererGuard: RendererGuardConfig.prefault({}),
  /** Skew beyond this (ms) makes the core use the server's time for expiry decisions. */
  clockSkewThresholdMs: z.int().min(0).default(60_000),
  /** Folder with the renderer bundle (index.html); defaults to renderer/dist of this checkout. */
  rendererDir: z.string().optional(),
  appVersion: z.string().max(64).default('0.1.0'),
  /** Overrides the generated device id (tests, fleets that name screens). */
  deviceId: Id.optional(),
});
export type CoreConfig = z.infer<typeof CoreConfig>;
export type CoreConfigInput = z.input<typeof CoreConfig>;

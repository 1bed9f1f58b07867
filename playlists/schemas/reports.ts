import { z } from 'zod';
import { ERROR_CODES } from '../errors.ts';
import { Id, Instant, Lang, Sha256Hex } from './common.ts';
import { Base64 } from './envelope.ts';
import { ZoneRole } from './layouts.ts';
import { OperatingHoursList } from './schedule.ts';

/** Unique record id (a UUID in practice): retries with the same id never count twice. */
export const RecordId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'expected a record id (UUID)');
export const ErrorCode = z.enum(ERROR_CODES);

export const PlayOutcome = z.enum(['completed', 'skipped', 'error', 'interrupted']);
export type PlayOutcome = z.infer<typeof PlayOutcome>;

const ItemKindSchema = z.enum(['video', 'hls', 'image', 'slide', 'ticker', 'page']);

/**
 * One finished play on one display, as the player proves it to the hub.
 * Records of one device form a hash chain: `prev` is recordHash() of the
 * previous record (64 zeros for the first), `seq` counts from 0.
 */
export const PlayRecord = z.strictObject({
  id: RecordId,
  deviceId: Id,
  seq: z.int().min(0),
  prev: Sha256Hex,
  channel: Id,
  playlistVersion: z.int().min(1),
  display: Id,
  zone: ZoneRole,
  itemId: Id,
  kind: ItemKindSchema,
  /** The exact file played, when the item has one. */
  assetSha256: Sha256Hex.optional(),
  entryId: Id.optional(),
  language: Lang.optional(),
  startedAt: Instant,
  endedAt: Instant,
  durationMs: z.int().min(0),
  outcome: PlayOutcome,
  /** Why it was skipped, failed or interrupted: an error code or a short text. */
  reason: z.string().max(500).optional(),
});
export type PlayRecord = z.infer<typeof PlayRecord>;

/**
 * The signed chain head sent with every batch: the batch's first seq and its
 * last record. It covers exactly the records from..seq, linked by `prev`.
 */
export const ChainHead = z.strictObject({
  from: z.int().min(0),
  seq: z.int().min(0),
  hash: Sha256Hex,
  keyid: z.string().regex(/^[0-9a-f]{64}$/),
  sig: Base64,
});
export type ChainHead = z.infer<typeof ChainHead>;

/** `POST {report-url}/plays` body. */
export const PlayBatch = z.strictObject({
  deviceId: Id,
  records: z.array(PlayRecord).min(1).max(1_000),
  head: ChainHead,
});
export type PlayBatch = z.infer<typeof PlayBatch>;

/** Answer to a play batch: the ids stored (or already stored); the player deletes only these. */
export const PlayAck = z.strictObject({ accepted: z.array(RecordId), chain: z.enum(['ok', 'gap', 'broken']).optional() });
export type PlayAck = z.infer<typeof PlayAck>;

export const PlaylistState = z.enum(['none', 'ok', 'stale', 'expired']);

/** One display's path of play events to the core, as the core sees it (Heartbeat.playEvents). */
export const PlayEventsDisplay = z.strictObject({
  display: Id,
  lastPostAt: Instant.nullable(),
  lastPlayAt: Instant.nullable(),
  held: z.int().min(0),
  stalled: z.boolean(),
  stalledSince: Instant.nullable(),
  recoveries: z.int().min(0),
});

/** How the core switches the panel: DPMS on X (xset), HDMI-CEC (cec-client), or not at all. */
export const PowerBackend = z.enum(['dpms', 'cec', 'none']);
export type PowerBackend = z.infer<typeof PowerBackend>;

export const DisplayPowerState = z.strictObject({
  /** unknown: not switched yet, or the last switch failed. */
  state: z.enum(['on', 'off', 'unknown']),
  backend: PowerBackend,
  since: Instant,
  /** Set while a `wake` command holds the panel on outside operating hours. */
  wokenUntil: Instant.optional(),
  lastError: z.strictObject({ message: z.string().max(500), at: Instant }).nullable(),
});
export type DisplayPowerState = z.infer<typeof DisplayPowerState>;

export const Heartbeat = z.strictObject({
  id: RecordId,
  deviceId: Id,
  sentAt: Instant,
  appVersion: z.string().max(64),
  shell: z.enum(['electron', 'chromium', 'none']),
  uptimeSec: z.number().min(0),
  timeZone: z.string().max(64),
  playlist: z.strictObject({
    state: PlaylistState,
    channel: Id.optional(),
    version: z.int().min(1).optional(),
    expiresAt: Instant.optional(),
    adoptedAt: Instant.optional(),
  }),
  /** A newer playlist being downloaded before adoption. */
  pending: z
    .strictObject({ channel: Id, version: z.int().min(1), bytesDone: z.int().min(0), bytesTotal: z.int().min(0) })
    .nullable(),
  /** The last playlist the player refused, with its stable code. */
  rejection: z
    .strictObject({ code: ErrorCode, message: z.string().max(500), at: Instant, channel: Id.optional(), version: z.int().optional() })
    .nullable(),
  /** The root the screen trusts; `expired`: nothing new is adopted until a newer root arrives (EXPIRED). */
  root: z.strictObject({ version: z.int().min(1), expiresAt: Instant, expired: z.boolean() }).optional(),
  nowPlaying: z
    .array(z.strictObject({ display: Id, zone: ZoneRole, itemId: Id, kind: ItemKindSchema, since: Instant }))
    .max(32),
  cache: z.strictObject({
    ready: z.boolean(),
    assetsReady: z.int().min(0),
    assetsTotal: z.int().min(0),
    bytesUsed: z.int().min(0),
    bytesQuota: z.int().min(0),
    freeDiskBytes: z.int().min(0).nullable(),
  }),
  clock: z.strictObject({ skewMs: z.number().nullable(), corrected: z.boolean() }),
  outbox: z.strictObject({
    pending: z.int().min(0),
    bytes: z.int().min(0),
    dropped: z.strictObject({ heartbeats: z.int().min(0), events: z.int().min(0), plays: z.int().min(0) }),
    corrupt: z.int().min(0),
  }),
  errors: z.array(z.strictObject({ code: ErrorCode, message: z.string().max(500), at: Instant })).max(20),
  displays: z
    .array(z.strictObject({ id: Id, width: z.int().positive(), height: z.int().positive(), orientation: z.enum(['landscape', 'portrait']) }))
    .max(16)
    .optional(),
  /** Shell recoveries since start: renderer crashes, GPU crashes, hangs. */
  recoveries: z.strictObject({ renderer: z.int().min(0), gpu: z.int().min(0), unresponsive: z.int().min(0) }).optional(),
  /**
   * The path of play events from each display's page to the core, as the core
   * sees it: when the page last posted, how many events it still held then, and
   * whether it has gone quiet (no post, or no play while the schedule says play)
   * for longer than it may — then the core reloads the page (`recoveries`).
   */
  playEvents: z.array(PlayEventsDisplay).max(16).optional(),
  /**
   * Chromium's memory per display as the core's guard reads it from /proc
   * (core/chromium/memory-guard.ts), in MB: the page's renderer, the whole
   * browser, the run's baseline and the renderer's limit; `restartWaits` says
   * what a due fresh start waits for (closing time, or the end of an item).
   */
  rendererMemory: z
    .array(
      z.strictObject({
        display: Id,
        rendererMb: z.number().min(0),
        browserMb: z.number().min(0),
        baselineMb: z.number().min(0).nullable(),
        limitMb: z.number().min(0),
        restartWaits: z.enum(['closed', 'item-end']).nullable(),
      }),
    )
    .max(16)
    .optional(),
  /** The guard's last fresh Chromium start since the core started: why, and the renderer's size just before. */
  maintenance: z.strictObject({ display: Id, at: Instant, reason: z.enum(['memory', 'daily']), rendererMb: z.number().min(0) }).nullable().optional(),
  /** The hub's signed device settings the screen applied last (core/sync/settings.ts); absent before the first. */
  settings: z
    .strictObject({
      version: z.int().min(1),
      tags: z.array(z.string().max(64)).max(100),
      timeZone: z.string().max(64),
      displays: z.array(z.strictObject({ id: Id, orientation: z.enum(['landscape', 'portrait']), touch: z.boolean() })).max(16),
      volume: z.int().min(0).max(100).optional(),
      language: z.string().max(35).optional(),
      operatingHours: OperatingHoursList.optional(),
    })
    .optional(),
  /** The panel's power as the core last set it (core/power): off outside operating hours, on inside them or when woken. */
  displayPower: DisplayPowerState.optional(),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

/** Renderer → core (local API): an item started or ended on a display. */
export const PlayEvent = z.strictObject({
  type: z.literal('play'),
  /** Links the start and end of one play; the core uses it as the record id. */
  playId: RecordId,
  phase: z.enum(['start', 'end']),
  channel: Id,
  playlistVersion: z.int().min(1),
  display: Id,
  zone: ZoneRole,
  itemId: Id,
  kind: ItemKindSchema,
  assetSha256: Sha256Hex.optional(),
  entryId: Id.optional(),
  language: Lang.optional(),
  at: Instant,
  /** For phase end: when the play started (the core may have restarted since its start event). */
  startedAt: Instant.optional(),
  /** For phase end. */
  outcome: PlayOutcome.optional(),
  reason: z.string().max(500).optional(),
});
export type PlayEvent = z.infer<typeof PlayEvent>;

/** Renderer → core: what visitors did on a touch kiosk (no personal data). */
export const InteractionEvent = z.strictObject({
  type: z.literal('interaction'),
  id: RecordId,
  at: Instant,
  display: Id,
  action: z.enum(['open', 'section', 'page', 'language', 'gallery', 'quiz-start', 'quiz-complete', 'idle-return', 'continue']),
  section: Id.optional(),
  page: Id.optional(),
  language: Lang.optional(),
  quiz: Id.optional(),
  score: z.int().min(0).optional(),
  total: z.int().min(0).optional(),
});
export type InteractionEvent = z.infer<typeof InteractionEvent>;

export const RendererEvent = z.discriminatedUnion('type', [PlayEvent, InteractionEvent]);
export type RendererEvent = z.infer<typeof RendererEvent>;

/** `POST {report-url}/events` body: interaction events, idempotent by id. */
export const EventBatch = z.strictObject({
  deviceId: Id,
  events: z.array(InteractionEvent).min(1).max(1_000),
});
export type EventBatch = z.infer<typeof EventBatch>;

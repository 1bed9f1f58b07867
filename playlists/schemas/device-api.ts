import { z } from 'zod';
import { Id, Instant } from './common.ts';
import { PublicKeyB64 } from './root.ts';

/**
 * Device ↔ hub wire format beyond reports (docs/protocol.md has the prose).
 * Everything a device reads needs `Authorization: Bearer <device token>`,
 * except the two pairing calls. A static host serves only the plain files:
 *
 *   GET  {playlist-url}                 the signed playlist envelope (ETag / If-None-Match)
 *   GET  {playlist-url}/../root/<N>.json root N (DSSE), fetched for N = trusted+1… until 404
 *   GET  {push-url}                     SSE: events `playlist` (PushPlaylist) and `command` (Command)
 *   GET  {freshness-url}                the hub's signed freshness statement for this device (FreshnessStatement)
 *   POST {report-url}/heartbeat         Heartbeat → HeartbeatAck
 *   POST {report-url}/plays             PlayBatch → PlayAck
 *   POST {report-url}/events            EventBatch → { accepted: ids }
 *   POST {report-url}/commands/<id>     CommandResult (screenshots: image/png body)
 *   POST {report-url}/commands/<id>?display=<name>&takenAt=<iso>   one display's screenshot (image/png); the CommandResult follows
 *   POST {report-url}/commands/<id>     the log's tail (text/plain; charset=utf-8) for a `log` command
 *   POST {hub}/api/pair                 PairRequest → PairStart
 *   GET  {hub}/api/pair/<pairingId>     → PairStatus (poll until paired)
 */

export const PushPlaylist = z.strictObject({ channel: Id, version: z.int().min(1) });

/** `wake`: the panel on now, though operating hours are over, until they begin again or the core's wakeMs is up (core/power). */
export const CommandName = z.enum(['reload', 'screenshot', 'restart', 'reverify', 'log', 'wake']);

/** Bounds of a log pull: the last `lines` lines, at most `maxBytes` bytes (whole lines only). */
export const LOG_PULL = { defaultLines: 500, maxLines: 20_000, defaultBytes: 256 * 1024, maxBytes: 1024 * 1024 } as const;
export const LogPull = z.strictObject({
  lines: z.int().min(1).max(LOG_PULL.maxLines).default(LOG_PULL.defaultLines),
  maxBytes: z.int().min(1).max(LOG_PULL.maxBytes).default(LOG_PULL.defaultBytes),
});
export type LogPull = z.infer<typeof LogPull>;

export const Command = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  name: CommandName,
  issuedAt: Instant,
  /** A `log` command's bounds (absent: the defaults). */
  log: LogPull.optional(),
});
export type Command = z.infer<typeof Command>;

export const CommandResult = z.strictObject({
  ok: z.boolean(),
  message: z.string().max(1_000).optional(),
});

/** Answer to a heartbeat: the hub's time, and commands queued while the push stream was down. */
export const HeartbeatAck = z.strictObject({
  serverTime: Instant,
  commands: z.array(Command).max(20).default([]),
});

export const PairRequest = z.strictObject({
  deviceId: Id,
  publicKey: PublicKeyB64,
  appVersion: z.string().max(64),
});

export const PairStart = z.strictObject({
  pairingId: z.string().min(16).max(128),
  /** Short code shown on screen, e.g. 7K3-Q9P; the operator types it in the dashboard. */
  code: z.string().min(4).max(16),
  /** Dashboard URL with the code filled in (shown as a QR code). */
  url: z.string().url(),
  expiresAt: Instant,
});

export const PairStatus = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('waiting'), expiresAt: Instant }),
  z.strictObject({ status: z.literal('expired') }),
  z.strictObject({
    status: z.literal('paired'),
    deviceId: Id,
    token: z.string().min(32).max(256),
    playlistUrl: z.string().url(),
    reportUrl: z.string().url(),
    pushUrl: z.string().url(),
    /** Where the device fetches the hub's freshness statement before adopting a playlist (absent from older hubs). */
    freshnessUrl: z.string().url().optional(),
    /** The hub's current root envelope (JSON text); the device pins it on first pairing. */
    root: z.string(),
    timeZone: z.string().max(64).optional(),
    /** Tags the operator gave the screen; playlists may address it by them (audience.tags). */
    tags: z.array(z.string().max(64)).max(100).optional(),
    displays: z.array(z.strictObject({ id: Id, orientation: z.enum(['landscape', 'portrait']), touch: z.boolean() })).optional(),
  }),
]);
export type PairStatus = z.infer<typeof PairStatus>;

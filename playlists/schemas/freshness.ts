import { z } from 'zod';
import { Id, Instant, Sha256Hex } from './common.ts';

/** A playlist by channel, version and the sha256 of its exact payload bytes. */
export const VouchedPlaylist = z.strictObject({ channel: Id, version: z.int().min(1), sha256: Sha256Hex });
export type VouchedPlaylist = z.infer<typeof VouchedPlaylist>;

/**
 * The hub's freshness statement for one device (DSSE,
 * application/vnd.pano.freshness+json, signed by the root's `hub` role): TUF's
 * timestamp and snapshot in one short-lived file. docs/signing.md, "Freshness".
 */
export const FreshnessStatement = z.strictObject({
  type: z.literal('freshness'),
  deviceId: Id,
  /** Grows with every statement the hub signs: an older one is a replay. */
  version: z.int().min(1),
  issuedAt: Instant,
  expiresAt: Instant,
  /** The newest root the hub holds. */
  rootVersion: z.int().min(1),
  /** What the device should play now (its takeover, assignment or audience match), or null: nothing. */
  current: VouchedPlaylist.nullable(),
  /** The current version of every channel the device may be given: none may go back. */
  channels: z.record(Id, VouchedPlaylist.omit({ channel: true })),
  /**
   * The device's tags as the hub holds them now. A paired screen checks a
   * playlist's audience against these, not the tags it was paired with: an
   * operator's re-tag must never make a screen refuse what the hub serves it.
   */
  tags: z.array(z.string().max(64)).max(100).optional(),
});
export type FreshnessStatement = z.infer<typeof FreshnessStatement>;

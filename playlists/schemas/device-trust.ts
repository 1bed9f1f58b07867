import { z } from 'zod';
import { Id, Instant, Lang, Sha256Hex, TimeZone } from './common.ts';
import { DisplayConfig } from './local-api.ts';
import { PowerBackend } from './reports.ts';
import { OperatingHoursList } from './schedule.ts';

/**
 * What the hub's online key may sign besides freshness statements (DSSE,
 * signed by the root's `hub` role): never content. docs/signing.md,
 * "Signed by the hub".
 */

/** A device's settings as the operator set them in the studio (application/vnd.pano.device-settings+json). */
export const DeviceSettingsDocument = z.strictObject({
  type: z.literal('device-settings'),
  deviceId: Id,
  /** Grows with every edit: an older document is a replay. */
  version: z.int().min(1),
  issuedAt: Instant,
  tags: z.array(z.string().max(64)).max(100),
  timeZone: TimeZone,
  /** The screen's default language for multilingual items; absent: the screen keeps its own. */
  language: Lang.optional(),
  displays: z.array(DisplayConfig.extend({ name: z.string().max(100).optional() })).min(1).max(16),
  /** Master volume 0–100 the renderer applies on top of each item's volume; absent: 100. */
  volume: z.int().min(0).max(100).optional(),
  /** How the screen switches its panel off outside operating hours; absent: its own default (core/power). */
  power: PowerBackend.optional(),
  /**
   * The screen's own opening hours (a site's opening times), local times in
   * `timeZone`: the screen is lit only where these AND the schedule's
   * operating hours are open. Absent: no restriction from the screen.
   */
  operatingHours: OperatingHoursList.optional(),
});
export type DeviceSettingsDocument = z.infer<typeof DeviceSettingsDocument>;

/**
 * The hub's notice that a device's pairing is revoked
 * (application/vnd.pano.revocation+json). It names the device key that was
 * paired, so a notice kept from an earlier revocation cannot revoke the same
 * screen again once it has paired with a new key.
 */
export const RevocationNotice = z.strictObject({
  type: z.literal('revocation'),
  deviceId: Id,
  /** keyid (sha256 hex of the raw public key) of the device key the revoked pairing held. */
  deviceKeyId: Sha256Hex,
  revokedAt: Instant,
});
export type RevocationNotice = z.infer<typeof RevocationNotice>;

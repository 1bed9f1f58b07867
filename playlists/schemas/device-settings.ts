import { z } from 'zod';
import { Id, Lang, Tag, TimeZone } from './common.ts';
import { PowerBackend } from './reports.ts';
import { OperatingHoursList } from './schedule.ts';

// A screen's settings as operators set them in the studio (the operator API's settings body;
// operator-api.ts re-exports them), signed by the hub into the device settings document (device-trust.ts).

export const DisplaySetting = z.strictObject({ id: Id, orientation: z.enum(['landscape', 'portrait']), touch: z.boolean() });

/** What the operator sets for a screen (at pairing, or later). */
export const DeviceSettings = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** A site or group the fleet page groups by (e.g. "Sân bay Tân Sơn Nhất"); null = by tag. */
  group: z.string().trim().min(1).max(100).nullable().default(null),
  tags: z.array(Tag).max(50).default([]),
  timeZone: TimeZone.default('Asia/Ho_Chi_Minh'),
  displays: z.array(DisplaySetting).min(1).max(16).default([{ id: 'main', orientation: 'landscape', touch: false }]),
  channel: Id.nullable().default(null),
  // sound and language (issue 17), signed into the device settings document
  /** Master volume 0–100, applied on top of each item's own volume. */
  volume: z.int().min(0).max(100).default(100),
  /** The screen's default language for multilingual items; null: the screen keeps its own (its config, else vi). */
  language: Lang.nullable().default(null),
  /** How the panel is switched off outside operating hours: DPMS on X, HDMI-CEC, or not; null = the screen's default (DPMS where it shows pages on X). */
  power: PowerBackend.nullable().default(null),
  /** The screen's own opening hours (a site's opening times, in its zone): lit only where these and the schedule's hours are both open; null = no restriction. */
  operatingHours: OperatingHoursList.nullable().default(null),
});
export type DeviceSettings = z.infer<typeof DeviceSettings>;
export const PairConfirm = DeviceSettings.extend({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{3}-?[A-Z0-9]{3}$/, 'expected the 6-character code shown on the screen, e.g. 7KC-Q9P'),
});
export type PairConfirm = z.infer<typeof PairConfirm>;

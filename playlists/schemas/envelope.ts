import { z } from 'zod';

/** Base64, standard or URL-safe alphabet, padding optional (DSSE accepts both on input). */
export const Base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64');

export const PAYLOAD_TYPES = {
  root: 'application/vnd.pano.root+json',
  playlist: 'application/vnd.pano.playlist+json',
  /** The hub's short-lived statement of what a device should play now (docs/signing.md, "Freshness"). */
  freshness: 'application/vnd.pano.freshness+json',
  /** The hub's settings for one device (tags, zone, displays…): docs/signing.md, "Signed by the hub". */
  deviceSettings: 'application/vnd.pano.device-settings+json',
  /** The hub's notice that one device's pairing is revoked: docs/signing.md, "Signed by the hub". */
  revocation: 'application/vnd.pano.revocation+json',
} as const;

/** DSSE v1 envelope. Signatures cover PAE(payloadType, payload bytes). */
export const Envelope = z.object({
  payloadType: z.string().min(1).max(256),
  payload: Base64,
  signatures: z
    .array(
      z.object({
        keyid: z.string().max(256).optional().default(''),
        sig: Base64,
      }),
    )
    .min(1)
    .max(32),
});
export type Envelope = z.infer<typeof Envelope>;

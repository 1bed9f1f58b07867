import { z } from 'zod';
import { Instant } from './common.ts';

export const KeyId = z.string().regex(/^[0-9a-f]{64}$/, 'expected keyid: lowercase hex sha256 of the raw public key');

/** Standard (or URL-safe) base64 of the raw 32-byte Ed25519 public key. */
export const PublicKeyB64 = z.string().regex(/^[A-Za-z0-9+/_-]{43}=?$/, 'expected base64 of a 32-byte Ed25519 public key');

export const RootKey = z.strictObject({
  keytype: z.literal('ed25519'),
  public: PublicKeyB64,
});

export const Role = z.strictObject({
  keyids: z.array(KeyId).min(1),
  threshold: z.int().min(1),
});
export type Role = z.infer<typeof Role>;

/** Longest takeover the emergency role may sign: one week. */
export const MAX_EMERGENCY_MINUTES = 7 * 24 * 60;

/**
 * The emergency role: keys that may sign only interrupt takeovers built from
 * the emergency templates, valid at most `maxDurationMinutes`
 * (playlists/trust-emergency.ts). It may list the hub's key, so a deployment
 * can let the hub sign emergencies without letting it sign content.
 */
export const EmergencyRole = Role.extend({ maxDurationMinutes: z.int().min(1).max(MAX_EMERGENCY_MINUTES) });
export type EmergencyRole = z.infer<typeof EmergencyRole>;

/**
 * Root metadata: which keys may sign roots and playlists, and how many must.
 * Signed by the root role itself (DSSE, application/vnd.pano.root+json).
 * `hub` (optional): the online key(s) that sign freshness statements; a root
 * without it lets any one publisher key sign them (docs/signing.md).
 * `board` (optional): the approvers. With a board, content playlists need its
 * threshold of distinct approver signatures and the publisher and hub keys
 * (the hub's online keys) sign device settings (freshness statements) only.
 * `emergency` (optional): keys that may sign emergency takeovers only.
 */
export const RootMetadata = z
  .strictObject({
    type: z.literal('root'),
    version: z.int().min(1),
    expires: Instant,
    keys: z.record(KeyId, RootKey),
    roles: z.strictObject({ root: Role, publisher: Role, hub: Role.optional(), board: Role.optional(), emergency: EmergencyRole.optional() }),
  })
  .superRefine((root, ctx) => {
    for (const [name, role] of Object.entries(root.roles)) {
      const unique = new Set(role.keyids);
      if (unique.size !== role.keyids.length) {
        ctx.addIssue({ code: 'custom', path: ['roles', name, 'keyids'], message: 'lists the same keyid twice' });
      }
      if (role.threshold > unique.size) {
        ctx.addIssue({ code: 'custom', path: ['roles', name, 'threshold'], message: `threshold ${role.threshold} exceeds the ${unique.size} distinct keys` });
      }
      role.keyids.forEach((id, i) => {
        if (!(id in root.keys)) ctx.addIssue({ code: 'custom', path: ['roles', name, 'keyids', i], message: 'keyid not in keys' });
      });
    }
    // An approver key that is also an online hub key would let whoever holds the hub sign content alone.
    const online = new Set([...root.roles.publisher.keyids, ...(root.roles.hub?.keyids ?? [])]);
    root.roles.board?.keyids.forEach((id, i) => {
      if (online.has(id)) ctx.addIssue({ code: 'custom', path: ['roles', 'board', 'keyids', i], message: 'an approver key must not also be a publisher or hub key' });
    });
  });
export type RootMetadata = z.infer<typeof RootMetadata>;

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { verifyEnvelopeSignatures } from './dsse.ts';
import { PanoError } from './errors.ts';
import { parseJsonBytes } from './parse.ts';
import { PAYLOAD_TYPES } from './schemas/envelope.ts';
import { FreshnessStatement, type VouchedPlaylist } from './schemas/freshness.ts';
import type { RootMetadata } from './schemas/root.ts';
import { DEFAULT_MAX_BYTES, guard, readEnvelope, requirePayloadType, requireUnexpired, roleKeys, type EnvelopeInput, type Verified } from './trust.ts';

/**
 * Freshness across channels (docs/signing.md, "Freshness"), after TUF's
 * timestamp and snapshot roles: per-channel versions alone let a mirror
 * switch a screen to any unexpired playlist of another channel it may play.
 * The hub signs, per device and on demand, a short-lived statement of what
 * that device should play now and of every channel's current version; the
 * screen adopts only the playlist the newest statement names.
 */

/** Statements are small: a few hundred bytes per channel. */
export const MAX_STATEMENT_BYTES = 256 * 1024;

/** Who may sign statements: the root's `hub` role, or, in a root without one, any one publisher key. */
export function statementSigners(root: RootMetadata): ReturnType<typeof roleKeys> {
  return root.roles.hub ? roleKeys(root, root.roles.hub) : { ...roleKeys(root, root.roles.publisher), threshold: 1 };
}

export interface VerifyFreshnessOptions {
  root: RootMetadata;
  now: Date;
  deviceId: string;
  /** The newest statement already trusted (persisted), if any. */
  trusted?: FreshnessStatement | null;
  maxBytes?: number;
}

/**
 * In order, each refusal a PanoError with a stable code: envelope and type
 * (as for playlists), signatures by the statement signers
 * (SIGNATURE_INVALID / THRESHOLD_NOT_MET), shape (SCHEMA_INVALID), addressed
 * to this device (AUDIENCE_MISMATCH), unexpired at `now` (EXPIRED: a freeze),
 * and never older than the trusted one: a lower statement version, or a
 * channel's version going back (ROLLBACK).
 */
export function verifyFreshness(input: EnvelopeInput, opts: VerifyFreshnessOptions): Verified<FreshnessStatement> {
  return guard(() => {
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    const envelope = readEnvelope(input, maxBytes, 'freshness statement');
    requirePayloadType(envelope, PAYLOAD_TYPES.freshness);
    const signers = statementSigners(opts.root);
    const { payload, keyids } = verifyEnvelopeSignatures(envelope, signers.keys, signers.threshold, 'freshness statement');
    const value = parseJsonBytes(FreshnessStatement, payload, 'freshness statement', { maxBytes });
    if (value.deviceId !== opts.deviceId) throw new PanoError('AUDIENCE_MISMATCH', `freshness statement is for ${value.deviceId}, not ${opts.deviceId}`);
    requireUnexpired(value.expiresAt, opts.now, `freshness statement v${value.version}`);
    const trusted = opts.trusted;
    if (trusted) {
      if (value.version < trusted.version) throw new PanoError('ROLLBACK', `freshness statement v${value.version} is older than the trusted v${trusted.version}`);
      for (const [channel, was] of Object.entries(trusted.channels)) {
        const now = Object.hasOwn(value.channels, channel) ? value.channels[channel] : undefined;
        if (now && now.version < was.version) throw new PanoError('ROLLBACK', `freshness statement v${value.version} takes ${channel} back from v${was.version} to v${now.version}`);
      }
    }
    return { payload, payloadSha256: bytesToHex(sha256(payload)), value, keyids };
  });
}

/** NOT_CURRENT unless `playlist` is exactly what the statement names for now (TUF: the hash and version the snapshot lists). */
export function requireCurrent(statement: FreshnessStatement, playlist: VouchedPlaylist): void {
  const c = statement.current;
  if (c && c.channel === playlist.channel && c.version === playlist.version && c.sha256 === playlist.sha256) return;
  const vouched = c ? `${c.channel} v${c.version}` : 'nothing';
  throw new PanoError('NOT_CURRENT', `${playlist.channel} v${playlist.version} is not what the hub vouches for this screen now (${vouched}, statement v${statement.version})`);
}

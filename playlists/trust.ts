import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { z } from 'zod';
import { tryDecodeBase64 } from './base64.ts';
import { verifyEnvelopeSignatures } from './dsse.ts';
import { PanoError } from './errors.ts';
import { keyIdOf, type PublicKey } from './keys.ts';
import { parseJson, parseJsonBytes, parseUnknown } from './parse.ts';
import { Envelope, PAYLOAD_TYPES } from './schemas/envelope.ts';
import { RootMetadata, type Role } from './schemas/root.ts';
import { checkEmergencyScope } from './trust-emergency.ts';
import { verifyContentSignatures } from './trust-roles.ts';

/**
 * Trust rules (TUF-like): which envelopes a screen may believe. Every function
 * here throws only PanoError, with a stable code; see docs/signing.md.
 */

export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_ROTATIONS = 8;

/** Raw envelope bytes or text (preferred: size is checked before parsing), or an already-parsed object. */
export type EnvelopeInput = Uint8Array | string | object;

/** Where the generic verifier finds version and expiry in a parsed payload. */
export interface PayloadFields<T> {
  version(value: T): number;
  /** An RFC 3339 instant. */
  expiresAt(value: T): string;
}

/** Reads `version` and `expiresAt`, as in a playlist. */
export const playlistFields: PayloadFields<unknown> = {
  version: (v) => field(v, 'version', 'number'),
  expiresAt: (v) => field(v, 'expiresAt', 'string'),
};

export const rootFields: PayloadFields<RootMetadata> = { version: (r) => r.version, expiresAt: (r) => r.expires };

export interface Verified<T> {
  /** The exact bytes that were verified and parsed. Store and serve these, never a re-serialisation. */
  payload: Uint8Array;
  payloadSha256: string;
  value: T;
  /** Distinct keys (computed keyids) whose signatures counted. */
  keyids: string[];
  /** Set when the signatures counted under the root's emergency role (the payload then passed its scope). */
  emergency?: true;
}

export interface VerifyPlaylistOptions<S extends z.ZodType> {
  root: RootMetadata;
  now: Date;
  payloadSchema: S;
  payloadType?: string;
  fields?: PayloadFields<z.infer<S>>;
  /** Highest version already trusted for this channel. */
  trustedVersion?: number;
  /** sha256 hex of the payload bytes of `trustedVersion`, to tell a re-fetch from a conflict. */
  trustedPayloadSha256?: string;
  maxBytes?: number;
}

/**
 * Verifies a playlist envelope against the content role of a trusted root:
 * its board when it names one, else its publisher role (trust-roles.ts).
 * Order matters: nothing from the payload is parsed before its signatures
 * hold, and nothing at all is parsed before the size cap.
 */
export function verifyPlaylist<S extends z.ZodType>(input: EnvelopeInput, opts: VerifyPlaylistOptions<S>): Verified<z.infer<S>> {
  return guard(() => {
    const { root, now, payloadSchema } = opts;
    const expectedType = opts.payloadType ?? PAYLOAD_TYPES.playlist;
    const fields = opts.fields ?? (playlistFields as PayloadFields<z.infer<S>>);
    const envelope = readEnvelope(input, opts.maxBytes ?? DEFAULT_MAX_BYTES, 'playlist envelope');
    requirePayloadType(envelope, expectedType);
    const { payload, keyids, emergency } = verifyContentSignatures(envelope, root, 'playlist envelope');
    const value: z.infer<S> = parseJsonBytes(payloadSchema, payload, 'playlist', { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES });
    if (emergency) checkEmergencyScope(value, emergency, now);
    const payloadSha256 = bytesToHex(sha256(payload));

    requireUnexpired(fields.expiresAt(value), now, 'playlist');
    const version = fields.version(value);
    if (opts.trustedVersion !== undefined) {
      if (version < opts.trustedVersion) {
        throw new PanoError('ROLLBACK', `playlist version ${version} is lower than the trusted version ${opts.trustedVersion}`);
      }
      if (version === opts.trustedVersion && opts.trustedPayloadSha256 !== undefined && opts.trustedPayloadSha256 !== payloadSha256) {
        throw new PanoError('VERSION_CONFLICT', `playlist version ${version} differs from the trusted playlist of the same version`);
      }
    }
    return { payload, payloadSha256, value, keyids, ...(emergency ? { emergency: true as const } : {}) };
  });
}

export interface VerifyRootOptions {
  /** When given, an expired root is rejected. */
  now?: Date;
  maxBytes?: number;
}

/**
 * A first or pinned root (shipped with the installer, or given to the CLI):
 * trusted because someone chose it, so it can only be checked for being
 * well-formed and signed by a threshold of its own root keys.
 */
export function verifyRootSelf(input: EnvelopeInput, opts: VerifyRootOptions = {}): Verified<RootMetadata> {
  return guard(() => {
    const envelope = readEnvelope(input, opts.maxBytes ?? DEFAULT_MAX_BYTES, 'root envelope');
    requirePayloadType(envelope, PAYLOAD_TYPES.root);
    // The keys are inside the payload, so it must be parsed before checking signatures.
    const bytes = tryDecodeBase64(envelope.payload);
    if (bytes === undefined) throw new PanoError('MALFORMED', 'root envelope payload is not valid base64');
    const root = parseJsonBytes(RootMetadata, bytes, 'root');
    const own = roleKeys(root, root.roles.root);
    const { payload, keyids } = verifyEnvelopeSignatures(envelope, own.keys, own.threshold, `root v${root.version} (own root keys)`);
    if (opts.now) requireUnexpired(root.expires, opts.now, `root v${root.version}`);
    return { payload, payloadSha256: bytesToHex(sha256(payload)), value: root, keyids };
  });
}

export interface RootUpdate {
  root: RootMetadata;
  /** Verified payload of the final root, or undefined when there was nothing to rotate. */
  payload?: Uint8Array;
  rotations: number;
}

/**
 * Walks root N → N+1 → … : each step must be signed by a threshold of the
 * previous root's root keys AND of its own, with version exactly +1. Only the
 * final root must be unexpired (intermediate ones may have lapsed while the
 * screen was offline). At most `maxRotations` steps per update (TOO_LARGE).
 */
export function verifyRootUpdate(
  trusted: RootMetadata,
  candidates: readonly EnvelopeInput[],
  now: Date,
  opts: { maxRotations?: number; maxBytes?: number } = {},
): RootUpdate {
  return guard(() => {
    const maxRotations = opts.maxRotations ?? DEFAULT_MAX_ROTATIONS;
    if (candidates.length > maxRotations) {
      throw new PanoError('TOO_LARGE', `${candidates.length} root rotations in one update; at most ${maxRotations} allowed`);
    }
    let current = trusted;
    let payload: Uint8Array | undefined;
    for (const input of candidates) {
      const next = current.version + 1;
      const envelope = readEnvelope(input, opts.maxBytes ?? DEFAULT_MAX_BYTES, `root v${next} envelope`);
      requirePayloadType(envelope, PAYLOAD_TYPES.root);
      const old = roleKeys(current, current.roles.root);
      const verified = verifyEnvelopeSignatures(envelope, old.keys, old.threshold, `root v${next} (keys of root v${current.version})`);
      const candidate = parseJsonBytes(RootMetadata, verified.payload, `root v${next}`);
      if (candidate.version !== next) {
        throw new PanoError('ROOT_ROTATION_INVALID', `root v${current.version} may only be followed by v${next}, got v${candidate.version}`);
      }
      const own = roleKeys(candidate, candidate.roles.root);
      verifyEnvelopeSignatures(envelope, own.keys, own.threshold, `root v${next} (its own root keys)`);
      current = candidate;
      payload = verified.payload;
    }
    requireUnexpired(current.expires, now, `root v${current.version}`);
    return payload === undefined ? { root: current, rotations: 0 } : { root: current, payload, rotations: candidates.length };
  });
}

// ---- helpers (shared with trust-freshness.ts) --------------------------------

const utf8 = new TextEncoder();

/**
 * An envelope is flat: `{payloadType, payload, signatures: [{keyid, sig}, …32]}`.
 * Anything nested deeper or holding more objects than that is refused before
 * it is parsed (its payload, parsed only after its signatures hold, gets the
 * general caps of playlists/parse.ts).
 */
const envelopeLimits = (maxBytes: number) => ({ maxBytes, maxDepth: 4, maxContainers: 40 });

export function readEnvelope(input: EnvelopeInput, maxBytes: number, what: string): Envelope {
  const tooLarge = () => new PanoError('TOO_LARGE', `${what} exceeds ${maxBytes} bytes`);
  if (input instanceof Uint8Array) {
    if (input.length > maxBytes) throw tooLarge();
    return parseJsonBytes(Envelope, input, what, envelopeLimits(maxBytes));
  }
  if (typeof input === 'string') {
    // UTF-8 is never shorter than UTF-16 code units: cheap check first.
    if (input.length > maxBytes || utf8.encode(input).length > maxBytes) throw tooLarge();
    return parseJson(Envelope, input, what, envelopeLimits(maxBytes));
  }
  const envelope = parseUnknown(Envelope, input, what);
  // Without the raw bytes, bound what we will decode and verify.
  const size = envelope.payload.length + envelope.signatures.reduce((n, s) => n + s.sig.length + s.keyid.length, 0);
  if (size > maxBytes) throw tooLarge();
  return envelope;
}

export function requirePayloadType(envelope: Envelope, expected: string): void {
  if (envelope.payloadType !== expected) {
    throw new PanoError('UNKNOWN_PAYLOAD_TYPE', `payloadType ${JSON.stringify(envelope.payloadType.slice(0, 100))} is not ${expected}`);
  }
}

/**
 * The trusted keys of a role. A key counts once however often it is listed,
 * and a key whose listed keyid is not the sha256 of its bytes is never
 * trusted: the root's keyids name keys, they do not vouch for them.
 */
export function roleKeys(root: RootMetadata, role: Role): { keys: PublicKey[]; threshold: number } {
  const keys = new Map<string, PublicKey>();
  for (const keyid of new Set(role.keyids)) {
    const entry = Object.hasOwn(root.keys, keyid) ? root.keys[keyid] : undefined;
    if (entry?.keytype !== 'ed25519') continue;
    const publicKey = tryDecodeBase64(entry.public);
    if (publicKey?.length !== 32 || keyIdOf(publicKey) !== keyid) continue;
    keys.set(keyid, { keyid, publicKey });
  }
  return { keys: [...keys.values()], threshold: role.threshold };
}

export function requireUnexpired(expires: string, now: Date, what: string): void {
  // NaN on either side compares false: an unreadable time counts as expired.
  if (!(now.getTime() < Date.parse(expires))) {
    throw new PanoError('EXPIRED', `${what} expired at ${expires} (now ${isNaN(now.getTime()) ? 'invalid' : now.toISOString()})`);
  }
}

function field<K extends 'number' | 'string'>(value: unknown, name: string, type: K): K extends 'number' ? number : string {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
  if (typeof v !== type) throw new PanoError('SCHEMA_INVALID', `payload has no ${type} ${name}`, [{ path: name, message: `expected ${type}` }]);
  return v as K extends 'number' ? number : string;
}

/** Turns anything unexpected (a bug, a throwing schema) into INTERNAL, so callers only ever see PanoError. */
export function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof PanoError) throw error;
    throw new PanoError('INTERNAL', `unexpected error while verifying: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// Shared by the signing tests: deterministic keys, roots and envelopes.
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { encodeBase64 } from './base64.ts';
import { serializeEnvelope, signEnvelope } from './dsse.ts';
import { keyPairFromSeed, type KeyPair } from './keys.ts';
import { Instant } from './schemas/common.ts';
import { PAYLOAD_TYPES, type Envelope } from './schemas/envelope.ts';
import type { RootMetadata } from './schemas/root.ts';

const utf8 = new TextEncoder();

/** The same key for the same name, every run. */
export const testKey = (name: string): KeyPair => keyPairFromSeed(sha256(utf8.encode(`pano test key ${name}`)));

export const NOW = new Date('2026-06-01T00:00:00Z');

/** Stand-in for Playlist: the generic verifier only needs version and expiresAt. */
export const TestPayload = z.strictObject({
  schemaVersion: z.literal(1),
  channel: z.string(),
  version: z.int().min(1),
  issuedAt: Instant,
  expiresAt: Instant,
});
export type TestPayload = z.infer<typeof TestPayload>;

export function payloadBytes(overrides: Partial<Record<keyof TestPayload, unknown>> = {}): Uint8Array {
  const value = {
    schemaVersion: 1,
    channel: 'lobby',
    version: 5,
    issuedAt: '2026-05-01T00:00:00Z',
    expiresAt: '2026-07-01T00:00:00Z',
    ...overrides,
  };
  return utf8.encode(`${JSON.stringify(value)}\n`);
}

export interface RootSpec {
  version?: number;
  expires?: string;
  root: readonly KeyPair[];
  rootThreshold?: number;
  publishers: readonly KeyPair[];
  publisherThreshold?: number;
  /** Approvers: with them the root names a board, which alone signs content. */
  board?: readonly KeyPair[];
  boardThreshold?: number;
  /** Emergency role: may sign emergency takeovers only (trust-emergency.ts). */
  emergency?: readonly KeyPair[];
  emergencyThreshold?: number;
  maxDurationMinutes?: number;
}

export function makeRoot(spec: RootSpec): RootMetadata {
  const keys: RootMetadata['keys'] = {};
  for (const k of [...spec.root, ...spec.publishers, ...(spec.board ?? []), ...(spec.emergency ?? [])]) keys[k.keyid] = { keytype: 'ed25519', public: encodeBase64(k.publicKey) };
  return {
    type: 'root',
    version: spec.version ?? 1,
    expires: spec.expires ?? '2030-01-01T00:00:00Z',
    keys,
    roles: {
      root: { keyids: spec.root.map((k) => k.keyid), threshold: spec.rootThreshold ?? 1 },
      publisher: { keyids: spec.publishers.map((k) => k.keyid), threshold: spec.publisherThreshold ?? 1 },
      ...(spec.board ? { board: { keyids: spec.board.map((k) => k.keyid), threshold: spec.boardThreshold ?? 1 } } : {}),
      ...(spec.emergency
        ? { emergency: { keyids: spec.emergency.map((k) => k.keyid), threshold: spec.emergencyThreshold ?? 1, maxDurationMinutes: spec.maxDurationMinutes ?? 360 } }
        : {}),
    },
  };
}

export const toBytes = (envelope: Envelope): Uint8Array => utf8.encode(serializeEnvelope(envelope));

export function signedRoot(root: RootMetadata, signers: readonly KeyPair[]): Uint8Array {
  return toBytes(signEnvelope(PAYLOAD_TYPES.root, utf8.encode(JSON.stringify(root)), signers));
}

export function signedPayload(payload: Uint8Array, signers: readonly KeyPair[], payloadType: string = PAYLOAD_TYPES.playlist): Envelope {
  return signEnvelope(payloadType, payload, signers);
}

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { z } from 'zod';
import { verifyEnvelopeSignatures } from './dsse.ts';
import { PanoError } from './errors.ts';
import { parseJsonBytes } from './parse.ts';
import { PAYLOAD_TYPES } from './schemas/envelope.ts';
import { DeviceSettingsDocument, RevocationNotice } from './schemas/device-trust.ts';
import type { RootMetadata } from './schemas/root.ts';
import { guard, readEnvelope, requirePayloadType, type EnvelopeInput, type Verified } from './trust.ts';
import { statementSigners } from './trust-freshness.ts';

/**
 * Documents signed by the hub's online key about one device: its settings
 * and its revocation. Each has its own payloadType, so an envelope of one
 * kind is never taken for another, and the hub's key signs content only
 * where the root lists it as a publisher (a small install without a board).
 */

export const MAX_DEVICE_DOC_BYTES = 64 * 1024;

function verifyHubDocument<S extends z.ZodType<{ deviceId: string }>>(input: EnvelopeInput, payloadType: string, schema: S, what: string, root: RootMetadata, deviceId: string): Verified<z.infer<S>> {
  return guard(() => {
    const envelope = readEnvelope(input, MAX_DEVICE_DOC_BYTES, what);
    requirePayloadType(envelope, payloadType);
    const signers = statementSigners(root);
    const { payload, keyids } = verifyEnvelopeSignatures(envelope, signers.keys, signers.threshold, what);
    const value: z.infer<S> = parseJsonBytes(schema, payload, what, { maxBytes: MAX_DEVICE_DOC_BYTES });
    if (value.deviceId !== deviceId) throw new PanoError('AUDIENCE_MISMATCH', `${what} is for ${value.deviceId}, not ${deviceId}`);
    return { payload, payloadSha256: bytesToHex(sha256(payload)), value, keyids };
  });
}

/** Settings for this device, signed by the hub role, not older than the ones applied (ROLLBACK). */
export function verifyDeviceSettings(input: EnvelopeInput, opts: { root: RootMetadata; deviceId: string; appliedVersion?: number }): Verified<DeviceSettingsDocument> {
  const v = verifyHubDocument(input, PAYLOAD_TYPES.deviceSettings, DeviceSettingsDocument, 'device settings', opts.root, opts.deviceId);
  if (opts.appliedVersion !== undefined && v.value.version < opts.appliedVersion) {
    throw new PanoError('ROLLBACK', `device settings v${v.value.version} are older than the applied v${opts.appliedVersion}`);
  }
  return v;
}

/**
 * A revocation of this device's pairing, signed by the hub role, naming the
 * device key it holds now (AUDIENCE_MISMATCH otherwise: a notice for an
 * earlier pairing, or for another screen).
 */
export function verifyRevocation(input: EnvelopeInput, opts: { root: RootMetadata; deviceId: string; deviceKeyId: string }): Verified<RevocationNotice> {
  const v = verifyHubDocument(input, PAYLOAD_TYPES.revocation, RevocationNotice, 'revocation notice', opts.root, opts.deviceId);
  if (v.value.deviceKeyId !== opts.deviceKeyId) throw new PanoError('AUDIENCE_MISMATCH', `revocation notice is for device key ${v.value.deviceKeyId.slice(0, 12)}…, not the one this screen holds`);
  return v;
}

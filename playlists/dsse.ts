import { decodeBase64, encodeBase64 } from './base64.ts';
import { PanoError } from './errors.ts';
import { signBytes, verifyBytes, type KeyPair, type PublicKey } from './keys.ts';
import type { Envelope } from './schemas/envelope.ts';

/**
 * DSSE v1 (https://github.com/secure-systems-lab/dsse, protocol.md):
 * signatures cover PAE(payloadType, payload), never the envelope's JSON, so
 * the payload bytes are signed exactly and the type cannot be swapped.
 */

const utf8 = new TextEncoder();

/** PAE = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body; LEN = decimal byte length. */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = utf8.encode(payloadType);
  const head = utf8.encode(`DSSEv1 ${type.length} `);
  const middle = utf8.encode(` ${payload.length} `);
  const out = new Uint8Array(head.length + type.length + middle.length + payload.length);
  out.set(head, 0);
  out.set(type, head.length);
  out.set(middle, head.length + type.length);
  out.set(payload, head.length + type.length + middle.length);
  return out;
}

/** Signs once per distinct key (a key listed twice would not count twice anyway). */
export function signEnvelope(payloadType: string, payload: Uint8Array, keys: readonly KeyPair[]): Envelope {
  if (keys.length === 0) throw new PanoError('INTERNAL', 'signEnvelope needs at least one key');
  const message = pae(payloadType, payload);
  const seen = new Set<string>();
  const signatures: Envelope['signatures'] = [];
  for (const key of keys) {
    if (seen.has(key.keyid)) continue;
    seen.add(key.keyid);
    signatures.push({ keyid: key.keyid, sig: encodeBase64(signBytes(key, message)) });
  }
  return { payloadType, payload: encodeBase64(payload), signatures };
}

/** The envelope as written to disk: stable key order, two-space indent, final newline. */
export function serializeEnvelope(envelope: Envelope): string {
  const { payloadType, payload, signatures } = envelope;
  return `${JSON.stringify({ payloadType, payload, signatures: signatures.map(({ keyid, sig }) => (keyid ? { keyid, sig } : { sig })) }, null, 2)}\n`;
}

export interface VerifiedSignatures {
  /** Exactly the bytes the signatures cover: parse these, never re-serialise. */
  payload: Uint8Array;
  /** keyids (computed from the key bytes) of the distinct keys that verified. */
  keyids: string[];
}

/**
 * Low-level multi-signature check, DSSE "(t, n)" style: counts distinct
 * trusted keys with a valid signature. The signature's keyid only picks which
 * key to try first; every trusted key is tried, so a wrong or missing keyid
 * costs time, never trust. Throws MALFORMED (undecodable base64),
 * SIGNATURE_INVALID (no valid signature) or THRESHOLD_NOT_MET.
 */
export function verifyEnvelopeSignatures(
  envelope: Envelope,
  trusted: readonly PublicKey[],
  threshold: number,
  what = 'envelope',
): VerifiedSignatures {
  const payload = decodeBase64(envelope.payload, `${what} payload`);
  const sigs = envelope.signatures.map((s, i) => ({ keyid: s.keyid, sig: decodeBase64(s.sig, `${what} signature ${i}`) }));
  const message = pae(envelope.payloadType, payload);
  // A threshold below one would accept anything; treat a bad one as one.
  const needed = Number.isSafeInteger(threshold) && threshold > 1 ? threshold : 1;

  const accepted = new Set<string>();
  for (const { keyid, sig } of sigs) {
    const candidates = [...trusted].sort((a, b) => Number(b.keyid === keyid) - Number(a.keyid === keyid));
    const match = candidates.find((k) => !accepted.has(k.keyid) && verifyBytes(k.publicKey, message, sig));
    if (match) accepted.add(match.keyid);
    if (accepted.size >= needed) break;
  }

  if (accepted.size === 0) {
    throw new PanoError('SIGNATURE_INVALID', `${what} has no valid signature by a trusted key`);
  }
  if (accepted.size < needed) {
    throw new PanoError('THRESHOLD_NOT_MET', `${what} is signed by ${accepted.size} distinct trusted key(s); ${needed} required`);
  }
  return { payload, keyids: [...accepted] };
}

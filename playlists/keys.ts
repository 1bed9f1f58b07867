import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { decodeBase64, encodeBase64, tryDecodeBase64 } from './base64.ts';
import { parseJson } from './parse.ts';
import { KeyId } from './schemas/root.ts';

/** A public key as Pano trusts it: the keyid is always computed, never read. */
export interface PublicKey {
  keyid: string;
  publicKey: Uint8Array;
}

/** An Ed25519 key pair; `privateKey` is the 32-byte RFC 8032 seed. */
export interface KeyPair extends PublicKey {
  privateKey: Uint8Array;
}

/** keyid = lowercase hex sha256 of the raw 32-byte public key. */
export function keyIdOf(publicKey: Uint8Array): string {
  return bytesToHex(sha256(publicKey));
}

export function generateKeyPair(): KeyPair {
  return keyPairFromSeed(ed25519.utils.randomSecretKey());
}

export function keyPairFromSeed(seed: Uint8Array): KeyPair {
  const publicKey = ed25519.getPublicKey(seed);
  return { keyid: keyIdOf(publicKey), publicKey, privateKey: Uint8Array.from(seed) };
}

export function signBytes(key: KeyPair, message: Uint8Array): Uint8Array {
  return ed25519.sign(message, key.privateKey);
}

/**
 * Strict RFC 8032 verification (zip215 off: no non-canonical encodings), so
 * every signature we accept is one that Node's crypto.verify accepts too.
 * Never throws: a malformed key or signature is simply not valid.
 */
export function verifyBytes(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

// ---- key files -------------------------------------------------------------
// NAME.pub: {"keytype":"ed25519","keyid":"<hex>","public":"<base64>"}
// NAME.key: the same plus "private": base64 of the 32-byte seed. JSON so that
// operators can read them; the keyid is redundant but checked, so a file whose
// parts disagree is refused instead of silently signing as someone else.

const Raw32 = z
  .string()
  .regex(/^[A-Za-z0-9+/_-]{43}=?$/, 'expected base64 of 32 bytes')
  .refine((s) => tryDecodeBase64(s)?.length === 32, 'expected base64 of 32 bytes');

// Refinements may see fields that failed their own checks, so they decode defensively.
const keyidMatches = (f: { keyid: string; public: string }) => {
  const pub = tryDecodeBase64(f.public);
  return pub !== undefined && keyIdOf(pub) === f.keyid;
};
const privateMatches = (f: { public: string; private: string }) => {
  const seed = tryDecodeBase64(f.private);
  const pub = tryDecodeBase64(f.public);
  return seed?.length === 32 && pub !== undefined && bytesToHex(ed25519.getPublicKey(seed)) === bytesToHex(pub);
};
const keyidMessage = { message: 'keyid is not the sha256 of the public key', path: ['keyid'] };

export const PublicKeyFile = z.strictObject({ keytype: z.literal('ed25519'), keyid: KeyId, public: Raw32 }).refine(keyidMatches, keyidMessage);
export type PublicKeyFile = z.infer<typeof PublicKeyFile>;

export const PrivateKeyFile = z
  .strictObject({ keytype: z.literal('ed25519'), keyid: KeyId, public: Raw32, private: Raw32 })
  .refine(keyidMatches, keyidMessage)
  .refine(privateMatches, { message: 'private key does not match the public key', path: ['private'] });
export type PrivateKeyFile = z.infer<typeof PrivateKeyFile>;

export function formatPublicKeyFile(key: PublicKey): string {
  const file: PublicKeyFile = { keytype: 'ed25519', keyid: key.keyid, public: encodeBase64(key.publicKey) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function formatPrivateKeyFile(key: KeyPair): string {
  const file: PrivateKeyFile = {
    keytype: 'ed25519',
    keyid: key.keyid,
    public: encodeBase64(key.publicKey),
    private: encodeBase64(key.privateKey),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export function parsePublicKeyFile(text: string, what = 'public key file'): PublicKey {
  const file = parseJson(PublicKeyFile, text, what);
  const publicKey = decodeBase64(file.public);
  return { keyid: keyIdOf(publicKey), publicKey };
}

export function parsePrivateKeyFile(text: string, what = 'private key file'): KeyPair {
  const file = parseJson(PrivateKeyFile, text, what);
  return keyPairFromSeed(decodeBase64(file.private));
}

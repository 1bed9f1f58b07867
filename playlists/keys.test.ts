import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  formatPrivateKeyFile,
  formatPublicKeyFile,
  generateKeyPair,
  keyIdOf,
  keyPairFromSeed,
  parsePrivateKeyFile,
  parsePublicKeyFile,
  signBytes,
  verifyBytes,
} from './keys.ts';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const msg = new TextEncoder().encode('message');

describe('keys', () => {
  it('derives the RFC 8032 TEST 1 public key from its seed', () => {
    const key = keyPairFromSeed(hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'));
    expect(Buffer.from(key.publicKey).toString('hex')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  });

  it('keyid is the lowercase hex sha256 of the raw public key', () => {
    const key = generateKeyPair();
    expect(key.keyid).toBe(createHash('sha256').update(key.publicKey).digest('hex'));
    expect(keyIdOf(key.publicKey)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs and verifies; other messages, keys and garbage do not verify', () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    const sig = signBytes(a, msg);
    expect(verifyBytes(a.publicKey, msg, sig)).toBe(true);
    expect(verifyBytes(b.publicKey, msg, sig)).toBe(false);
    expect(verifyBytes(a.publicKey, new TextEncoder().encode('messagE'), sig)).toBe(false);
    expect(verifyBytes(a.publicKey, msg, sig.slice(1))).toBe(false);
    expect(verifyBytes(new Uint8Array(32).fill(0xff), msg, sig)).toBe(false);
  });

  it('round-trips key files', () => {
    const key = generateKeyPair();
    const priv = parsePrivateKeyFile(formatPrivateKeyFile(key));
    expect(priv).toEqual(key);
    const pub = parsePublicKeyFile(formatPublicKeyFile(key));
    expect(pub).toEqual({ keyid: key.keyid, publicKey: key.publicKey });
    expect(JSON.parse(formatPublicKeyFile(key))).toEqual({ keytype: 'ed25519', keyid: key.keyid, public: expect.any(String) });
  });

  it('refuses key files whose parts disagree', () => {
    const a = generateKeyPair();
    const b = generateKeyPair();
    const file = JSON.parse(formatPrivateKeyFile(a));
    expect(() => parsePrivateKeyFile(JSON.stringify({ ...file, keyid: b.keyid }))).toThrow(expect.objectContaining({ code: 'SCHEMA_INVALID' }));
    const swapped = JSON.parse(formatPrivateKeyFile(b));
    expect(() => parsePrivateKeyFile(JSON.stringify({ ...file, private: swapped.private }))).toThrow(
      expect.objectContaining({ code: 'SCHEMA_INVALID', issues: [expect.objectContaining({ path: 'private' })] }),
    );
    expect(() => parsePublicKeyFile(JSON.stringify({ ...file, public: 'AAAA' }))).toThrow(expect.objectContaining({ code: 'SCHEMA_INVALID' }));
    expect(() => parsePublicKeyFile('{')).toThrow(expect.objectContaining({ code: 'MALFORMED' }));
  });

  it('a private key file is not a public key file (no private bytes in .pub)', () => {
    expect(() => parsePublicKeyFile(formatPrivateKeyFile(generateKeyPair()))).toThrow(expect.objectContaining({ code: 'SCHEMA_INVALID' }));
  });
});

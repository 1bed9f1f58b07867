import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { pae, serializeEnvelope, signEnvelope, verifyEnvelopeSignatures } from './dsse.ts';
import { keyPairFromSeed, type KeyPair, type PublicKey } from './keys.ts';
import { testKey } from './trust.fixtures.ts';

const text = (s: string) => new TextEncoder().encode(s);
const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');

/** Node's own Ed25519 (OpenSSL): an implementation independent of @noble. */
const nodePublicKey = (key: PublicKey) => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(key.publicKey) }, format: 'jwk' });
const nodePrivateKey = (key: KeyPair) =>
  createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(key.publicKey), d: b64url(key.privateKey) }, format: 'jwk' });

describe('PAE (DSSE v1)', () => {
  it('matches the spec example', () => {
    const out = pae('http://example.com/HelloWorld', text('hello world'));
    expect(new TextDecoder().decode(out)).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('the spec example signature (ECDSA P-256, from protocol.md) verifies over our PAE', () => {
    const coord = (n: string) => b64url(hex(BigInt(n).toString(16).padStart(64, '0')));
    const key = createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: coord('46950820868899156662930047687818585632848591499744589407958293238635476079160'),
        y: coord('5640078356564379163099075877009565129882514886557779369047442380624545832820'),
      },
      format: 'jwk',
    });
    const sig = decodeBase64('A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==');
    const message = pae('http://example.com/HelloWorld', decodeBase64('aGVsbG8gd29ybGQ='));
    expect(nodeVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, sig)).toBe(true);
  });

  it('counts bytes, not characters, and handles an empty body', () => {
    expect(Buffer.from(pae('application/vnd.exämple+json', text('{}'))).toString()).toBe('DSSEv1 29 application/vnd.exämple+json 2 {}');
    expect(Buffer.from(pae('t', new Uint8Array())).toString()).toBe('DSSEv1 1 t 0 ');
  });
});

describe('DSSE Ed25519 vectors (RFC 8032 keys TEST 1 and TEST 2)', () => {
  const A = keyPairFromSeed(hex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'));
  const B = keyPairFromSeed(hex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb'));
  const type = 'application/vnd.in-toto+json';
  const payload = 'eyJfdHlwZSI6Imh0dHBzOi8vaW4tdG90by5pby9TdGF0ZW1lbnQvdjEifQ==';
  const sigA = '2WAfaHm5jluo0w+0rk8uVkluELJYWjSmU9x7EUzx+AyteDGJ4/nqyJXfmAUVFIAoQafWm7AxBZNw5M9ixNHiCA==';
  const sigB = 'c1+67/aT0yqEpwx8PsVY3MLHsj9D0CZ014/Fv/QlG59P+9CobUZ7xECJ/V3USG0Ob9CiE5LjReEZUzNF2l7eBw==';

  it('signing is deterministic and reproduces the vector', () => {
    const env = signEnvelope(type, decodeBase64(payload), [A, B]);
    expect(env.payload).toBe(payload);
    expect(env.signatures.map((s) => s.sig)).toEqual([sigA, sigB]);
  });

  it.each([
    ['one signature', { payloadType: type, payload, signatures: [{ keyid: 'A', sig: sigA }] }, 1, 'ok'],
    [
      'URL-safe base64',
      {
        payloadType: type,
        payload: '-_-_Pj8=',
        signatures: [{ keyid: 'A', sig: 'P-_KHICeR7tI6S_YyejJTRtrXhcQyQ2LYPaL8h90KjC9qN8HU_svOQ6TuDOT1HIrsGW886DbWNWcCmX5twLrAw==' }],
      },
      1,
      'ok',
    ],
    ['type swapped', { payloadType: 'application/vnd.example.other+json', payload, signatures: [{ keyid: 'A', sig: sigA }] }, 1, 'SIGNATURE_INVALID'],
    ['two distinct keys, threshold 2', { payloadType: type, payload, signatures: [{ keyid: 'A', sig: sigA }, { keyid: 'B', sig: sigB }] }, 2, 'ok'],
    ['one key twice, threshold 2', { payloadType: type, payload, signatures: [{ keyid: 'A', sig: sigA }, { keyid: 'B', sig: sigA }] }, 2, 'THRESHOLD_NOT_MET'],
    ['no keyids, threshold 2', { payloadType: type, payload, signatures: [{ keyid: '', sig: sigB }, { keyid: '', sig: sigA }] }, 2, 'ok'],
  ])('%s', (_name, envelope, threshold, expected) => {
    const run = () => verifyEnvelopeSignatures(envelope, [A, B], threshold);
    if (expected === 'ok') expect(encodeBase64(run().payload)).toBe(envelope.payload.replaceAll('-', '+').replaceAll('_', '/'));
    else expect(run).toThrow(expect.objectContaining({ code: expected }));
  });
});

describe('interoperability with node:crypto', () => {
  const keys = [testKey('interop-1'), testKey('interop-2')];
  const payload = text('{"channel":"lobby","version":1}');
  const type = 'application/vnd.pano.playlist+json';

  it('our signatures verify with crypto.verify(null, PAE, key, sig)', () => {
    const env = signEnvelope(type, payload, keys);
    expect(env.signatures).toHaveLength(2);
    env.signatures.forEach((s, i) => {
      const key = keys[i]!;
      expect(s.keyid).toBe(key.keyid);
      expect(nodeVerify(null, pae(type, payload), nodePublicKey(key), decodeBase64(s.sig))).toBe(true);
      expect(nodeVerify(null, pae('other/type', payload), nodePublicKey(key), decodeBase64(s.sig))).toBe(false);
    });
  });

  it("Node's signatures verify with ours", () => {
    const sigs = keys.map((k) => ({ keyid: k.keyid, sig: encodeBase64(nodeSign(null, pae(type, payload), nodePrivateKey(k))) }));
    const out = verifyEnvelopeSignatures({ payloadType: type, payload: encodeBase64(payload), signatures: sigs }, keys, 2);
    expect(out.payload).toEqual(payload);
    expect(new Set(out.keyids)).toEqual(new Set(keys.map((k) => k.keyid)));
  });

  it('serialises to the DSSE JSON envelope', () => {
    const env = signEnvelope(type, payload, [keys[0]!, keys[0]!]);
    const json = JSON.parse(serializeEnvelope(env));
    expect(Object.keys(json)).toEqual(['payloadType', 'payload', 'signatures']);
    expect(json.signatures).toHaveLength(1); // one key signs once
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { serializeEnvelope } from './dsse.ts';
import { isPanoError, type ErrorCode } from './errors.ts';
import { PAYLOAD_TYPES, type Envelope } from './schemas/envelope.ts';
import type { RootMetadata } from './schemas/root.ts';
import { NOW, TestPayload, makeRoot, payloadBytes, signedPayload, signedRoot, testKey, toBytes } from './trust.fixtures.ts';
import { verifyPlaylist, verifyRootSelf, verifyRootUpdate, type EnvelopeInput, type VerifyPlaylistOptions } from './trust.ts';

const [R1, R2, R3] = [testKey('root-1'), testKey('root-2'), testKey('root-3')];
const [P1, P2, X] = [testKey('publisher-1'), testKey('publisher-2'), testKey('stranger')];
const root = makeRoot({ root: [R1], publishers: [P1, P2] });
const root2of2 = makeRoot({ root: [R1], publishers: [P1, P2], publisherThreshold: 2 });

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);
const valid = () => signedPayload(payloadBytes(), [P1]);
const edit = (f: (e: Envelope) => void): Envelope => {
  const e = structuredClone(valid());
  f(e);
  return e;
};
const flipPayloadByte = (e: Envelope) => {
  const bytes = decodeBase64(e.payload);
  bytes[10] = bytes[10]! ^ 0x01;
  e.payload = encodeBase64(bytes);
};
const sig = (e: Envelope) => e.signatures[0]!;
/** A 64-byte signature ends in `X==` where X carries 4 unused bits: set one. */
const setTrailingBit = (b64: string) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return `${b64.slice(0, -3)}${alphabet[alphabet.indexOf(b64.at(-3)!) + 1]}==`;
};

/** The code a call throws, 'OK' if it returns; anything but a PanoError fails the test. */
function outcome(run: () => unknown): ErrorCode | 'OK' {
  try {
    run();
    return 'OK';
  } catch (error) {
    if (!isPanoError(error)) throw error;
    return error.code;
  }
}

type Opts = Partial<VerifyPlaylistOptions<typeof TestPayload>>;
const check = (input: EnvelopeInput, opts: Opts = {}) => () =>
  verifyPlaylist(input, { root, now: NOW, payloadSchema: TestPayload, ...opts });

const cases: [string, () => unknown, ErrorCode | 'OK'][] = [
  ['valid (bytes)', check(toBytes(valid())), 'OK'],
  ['valid (text)', check(serializeEnvelope(valid())), 'OK'],
  ['valid (parsed object)', check(valid()), 'OK'],
  ['valid, URL-safe base64 without padding', check(edit((e) => {
    e.payload = e.payload.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
    sig(e).sig = sig(e).sig.replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  })), 'OK'],
  ['valid, keyid missing (keyid is only a hint)', check(edit((e) => (sig(e).keyid = ''))), 'OK'],
  ['valid, keyid names another trusted key', check(edit((e) => (sig(e).keyid = P2.keyid))), 'OK'],
  ['valid, 2 of 2 distinct publishers', check(signedPayload(payloadBytes(), [P1, P2]), { root: root2of2 }), 'OK'],
  ['one byte of payload changed', check(edit(flipPayloadByte)), 'SIGNATURE_INVALID'],
  ['signature bytes changed', check(edit((e) => (sig(e).sig = encodeBase64(decodeBase64(sig(e).sig).map((b, i) => (i === 0 ? b ^ 1 : b)))))), 'SIGNATURE_INVALID'],
  ['signature by a key not in root', check(signedPayload(payloadBytes(), [X])), 'SIGNATURE_INVALID'],
  ['signature by a root key, not a publisher', check(signedPayload(payloadBytes(), [R1])), 'SIGNATURE_INVALID'],
  ['stranger claims a publisher keyid', check(edit((e) => (e.signatures = signedPayload(payloadBytes(), [X]).signatures.map((s) => ({ ...s, keyid: P1.keyid }))))), 'SIGNATURE_INVALID'],
  ['1 of 2 required publishers', check(valid(), { root: root2of2 }), 'THRESHOLD_NOT_MET'],
  ['same key signing twice against threshold 2', check(edit((e) => e.signatures.push({ ...sig(e) })), { root: root2of2 }), 'THRESHOLD_NOT_MET'],
  ['same key twice under two keyids', check(edit((e) => e.signatures.push({ ...sig(e), keyid: P2.keyid })), { root: root2of2 }), 'THRESHOLD_NOT_MET'],
  ['duplicate keyids in (unchecked) root count once', check(edit((e) => e.signatures.push({ ...sig(e) })), {
    root: { ...root2of2, roles: { ...root2of2.roles, publisher: { keyids: [P1.keyid, P1.keyid], threshold: 2 } } },
  }), 'THRESHOLD_NOT_MET'],
  ['root keyid that is not the hash of its key is never trusted', check(signedPayload(payloadBytes(), [X]), {
    root: { ...root, keys: { ...root.keys, [P1.keyid]: { keytype: 'ed25519', public: encodeBase64(X.publicKey) } } },
  }), 'SIGNATURE_INVALID'],
  ['threshold 0 in an unchecked root still needs a signature', check(signedPayload(payloadBytes(), [X]), {
    root: { ...root, roles: { ...root.roles, publisher: { keyids: [P1.keyid], threshold: 0 } } },
  }), 'SIGNATURE_INVALID'],
  ['unknown payloadType', check(signedPayload(payloadBytes(), [P1], 'application/json')), 'UNKNOWN_PAYLOAD_TYPE'],
  ['root payloadType where a playlist is expected', check(signedPayload(payloadBytes(), [P1], PAYLOAD_TYPES.root)), 'UNKNOWN_PAYLOAD_TYPE'],
  ['payloadType changed after signing', check(edit((e) => {
    const other = signedPayload(payloadBytes(), [P1], PAYLOAD_TYPES.root);
    e.signatures = other.signatures; // signed as root, presented as playlist
  })), 'SIGNATURE_INVALID'],
  ['payloadType differs in case only', check(edit((e) => (e.payloadType = e.payloadType.toUpperCase()))), 'UNKNOWN_PAYLOAD_TYPE'],
  ['expired', check(signedPayload(payloadBytes({ expiresAt: '2026-05-31T23:59:59Z' }), [P1])), 'EXPIRED'],
  ['expires exactly now', check(signedPayload(payloadBytes({ expiresAt: NOW.toISOString() }), [P1])), 'EXPIRED'],
  ['invalid now fails closed', check(valid(), { now: new Date(NaN) }), 'EXPIRED'],
  ['lower version', check(valid(), { trustedVersion: 6 }), 'ROLLBACK'],
  ['same version, different bytes', check(valid(), { trustedVersion: 5, trustedPayloadSha256: sha(payloadBytes({ channel: 'other' })) }), 'VERSION_CONFLICT'],
  ['same version, same bytes', check(valid(), { trustedVersion: 5, trustedPayloadSha256: sha(payloadBytes()) }), 'OK'],
  ['higher version', check(valid(), { trustedVersion: 4, trustedPayloadSha256: sha(payloadBytes({ version: 4 })) }), 'OK'],
  ['oversized envelope (bytes)', check(toBytes(valid()), { maxBytes: 100 }), 'TOO_LARGE'],
  ['oversized envelope (text)', check(serializeEnvelope(valid()), { maxBytes: 100 }), 'TOO_LARGE'],
  ['oversized envelope (object)', check(valid(), { maxBytes: 100 }), 'TOO_LARGE'],
  ['over 4 MiB of garbage is rejected before parsing', check(new Uint8Array(4 * 1024 * 1024 + 1).fill(0x7b)), 'TOO_LARGE'],
  ['malformed base64 payload (length)', check(edit((e) => (e.payload = 'abcde'))), 'MALFORMED'],
  ['malformed base64 signature (trailing bits)', check(edit((e) => (sig(e).sig = setTrailingBit(sig(e).sig)))), 'MALFORMED'],
  ['base64 with characters outside both alphabets', check(edit((e) => (e.payload = '@@@@'))), 'SCHEMA_INVALID'],
  ['malformed JSON envelope', check(serializeEnvelope(valid()).slice(0, -5)), 'MALFORMED'],
  ['envelope is not UTF-8', check(Uint8Array.of(0xff, 0xfe, 0x7b, 0x7d)), 'MALFORMED'],
  ['envelope without signatures', check(edit((e) => (e.signatures = []))), 'SCHEMA_INVALID'],
  ['envelope missing payloadType', check(JSON.stringify({ ...valid(), payloadType: undefined })), 'SCHEMA_INVALID'],
  ['envelope missing payload', check(JSON.stringify({ ...valid(), payload: undefined })), 'SCHEMA_INVALID'],
  ['envelope is a JSON array', check('[]'), 'SCHEMA_INVALID'],
  ['signed payload is not JSON', check(signedPayload(utf8('not json'), [P1])), 'MALFORMED'],
  ['signed payload misses fields', check(signedPayload(utf8('{"schemaVersion":1,"channel":"lobby"}'), [P1])), 'SCHEMA_INVALID'],
  ['a throwing schema becomes INTERNAL', check(valid(), {
    payloadSchema: TestPayload.transform(() => { throw new TypeError('boom'); }) as unknown as typeof TestPayload,
  }), 'INTERNAL'],
];

// ---- roots -------------------------------------------------------------------

const root1 = makeRoot({ root: [R1], publishers: [P1] });
const root1Bytes = signedRoot(root1, [R1]);
const next = (overrides: Partial<RootMetadata> = {}, rootKeys = [R2]) => ({ ...makeRoot({ version: 2, root: rootKeys, publishers: [P2] }), ...overrides });
const update = (candidates: EnvelopeInput[], trusted = root1, now = NOW) => () => verifyRootUpdate(trusted, candidates, now);

const rootCases: [string, () => unknown, ErrorCode | 'OK'][] = [
  ['pinned root, self-signed', () => verifyRootSelf(root1Bytes, { now: NOW }), 'OK'],
  ['pinned root signed by a publisher key', () => verifyRootSelf(signedRoot(root1, [P1])), 'SIGNATURE_INVALID'],
  ['pinned root with duplicate keyids', () => verifyRootSelf(signedRoot({ ...root1, roles: { ...root1.roles, root: { keyids: [R1.keyid, R1.keyid], threshold: 1 } } }, [R1])), 'SCHEMA_INVALID'],
  ['pinned root, expired', () => verifyRootSelf(signedRoot({ ...root1, expires: '2026-01-01T00:00:00Z' }, [R1]), { now: NOW }), 'EXPIRED'],
  ['pinned root with a playlist payloadType', () => verifyRootSelf(toBytes(signedPayload(utf8(JSON.stringify(root1)), [R1]))), 'UNKNOWN_PAYLOAD_TYPE'],
  ['pinned root, oversized', () => verifyRootSelf(root1Bytes, { maxBytes: 64 }), 'TOO_LARGE'],
  ['valid rotation (old and new keys sign)', update([signedRoot(next(), [R1, R2])]), 'OK'],
  ['valid rotation keeping a key (it signs for both)', update([signedRoot(next({}, [R1, R3]), [R1])]), 'OK'],
  ['two rotations in one update', update([signedRoot(next(), [R1, R2]), signedRoot(next({ version: 3 }, [R3]), [R2, R3])]), 'OK'],
  ['intermediate root expired, final valid', update([signedRoot(next({ expires: '2026-01-01T00:00:00Z' }), [R1, R2]), signedRoot(next({ version: 3 }, [R3]), [R2, R3])]), 'OK'],
  ['no candidates: the trusted root stands', update([]), 'OK'],
  ['rotation signed only by old keys', update([signedRoot(next(), [R1])]), 'SIGNATURE_INVALID'],
  ['rotation signed only by new keys', update([signedRoot(next(), [R2])]), 'SIGNATURE_INVALID'],
  ['rotation to two new keys, one of which signs (threshold 1)', update([signedRoot(next({}, [R2, R3]), [R1, R2])]), 'OK'],
  ['rotation below its own threshold', update([signedRoot({ ...next({}, [R2, R3]), roles: { root: { keyids: [R2.keyid, R3.keyid], threshold: 2 }, publisher: next().roles.publisher } }, [R1, R2])]), 'THRESHOLD_NOT_MET'],
  ['rotation skipping a version', update([signedRoot(next({ version: 3 }), [R1, R2])]), 'ROOT_ROTATION_INVALID'],
  ['rotation replaying the same version', update([signedRoot(next({ version: 1 }), [R1, R2])]), 'ROOT_ROTATION_INVALID'],
  ['rotation to a playlist payloadType', update([toBytes(signedPayload(utf8(JSON.stringify(next())), [R1, R2]))]), 'UNKNOWN_PAYLOAD_TYPE'],
  ['rotation to a malformed root', update([signedRoot({ ...next(), type: 'playlist' } as unknown as RootMetadata, [R1, R2])]), 'SCHEMA_INVALID'],
  ['final root expired', update([signedRoot(next({ expires: '2026-01-01T00:00:00Z' }), [R1, R2])]), 'EXPIRED'],
  ['nine rotations (default bound 8)', update(Array.from({ length: 9 }, () => root1Bytes)), 'TOO_LARGE'],
];

describe('verifyPlaylist', () => {
  it.each(cases.map(([name, run, expected]) => ({ name, run, expected })))('$name → $expected', ({ run, expected }) => {
    expect(outcome(run)).toBe(expected);
  });

  it('returns the exact payload bytes it verified, their hash and the keys that counted', () => {
    const out = verifyPlaylist(toBytes(signedPayload(payloadBytes(), [P1, P2, X])), { root: root2of2, now: NOW, payloadSchema: TestPayload });
    expect(out.payload).toEqual(payloadBytes());
    expect(out.payloadSha256).toBe(sha(payloadBytes()));
    expect(out.value.channel).toBe('lobby');
    expect(new Set(out.keyids)).toEqual(new Set([P1.keyid, P2.keyid]));
  });

  it('after a rotation, playlists need the new publisher keys', () => {
    const { root: newRoot } = verifyRootUpdate(root1, [signedRoot(next(), [R1, R2])], NOW);
    const opts = { root: newRoot, now: NOW, payloadSchema: TestPayload };
    expect(outcome(() => verifyPlaylist(toBytes(signedPayload(payloadBytes(), [P1])), opts))).toBe('SIGNATURE_INVALID');
    expect(outcome(() => verifyPlaylist(toBytes(signedPayload(payloadBytes(), [P2])), opts))).toBe('OK');
  });
});

describe('root verification', () => {
  it.each(rootCases.map(([name, run, expected]) => ({ name, run, expected })))('$name → $expected', ({ run, expected }) => {
    expect(outcome(run)).toBe(expected);
  });

  it('a valid rotation yields the new root and its exact bytes', () => {
    const bytes = signedRoot(next(), [R1, R2]);
    const out = verifyRootUpdate(root1, [bytes], NOW);
    expect(out.root.version).toBe(2);
    expect(out.rotations).toBe(1);
    expect(out.payload).toEqual(utf8(JSON.stringify(next())));
  });
});

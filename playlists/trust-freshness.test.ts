import { describe, expect, it } from 'vitest';
import { encodeBase64 } from './base64.ts';
import { PAYLOAD_TYPES } from './schemas/envelope.ts';
import type { FreshnessStatement } from './schemas/freshness.ts';
import { NOW, makeRoot, signedPayload, testKey, toBytes } from './trust.fixtures.ts';
import { requireCurrent, verifyFreshness } from './trust-freshness.ts';

const [R, P1, P2, H] = [testKey('fresh-root'), testKey('fresh-pub-1'), testKey('fresh-pub-2'), testKey('fresh-hub')];
const utf8 = new TextEncoder();
const LOBBY = { version: 8, sha256: 'a'.repeat(64) };

function statement(over: Partial<FreshnessStatement> = {}): FreshnessStatement {
  return {
    type: 'freshness',
    deviceId: 'screen-1',
    version: 10,
    issuedAt: '2026-05-31T23:50:00Z',
    expiresAt: '2026-06-01T00:50:00Z',
    rootVersion: 1,
    current: { channel: 'lobby', ...LOBBY },
    channels: { lobby: LOBBY, emergency: { version: 3, sha256: 'e'.repeat(64) } },
    ...over,
  };
}
const sign = (s: FreshnessStatement, ...signers: Parameters<typeof signedPayload>[1]) => toBytes(signedPayload(utf8.encode(JSON.stringify(s)), signers, PAYLOAD_TYPES.freshness));
const code = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('freshness statements', () => {
  // Two publishers must sign playlists; the hub's online key is the hub role alone.
  const withHub = { ...makeRoot({ root: [R], publishers: [P1, P2], publisherThreshold: 2 }) };
  withHub.keys[H.keyid] = { keytype: 'ed25519', public: encodeBase64(H.publicKey) };
  withHub.roles.hub = { keyids: [H.keyid], threshold: 1 };
  const base = { root: withHub, now: NOW, deviceId: 'screen-1' };

  it('are signed by the root\'s hub role; without one, by any one publisher key', () => {
    expect(verifyFreshness(sign(statement(), H), base).value.current?.channel).toBe('lobby');
    expect(code(() => verifyFreshness(sign(statement(), P1), base))).toBe('SIGNATURE_INVALID');
    const noHub = makeRoot({ root: [R], publishers: [P1, P2], publisherThreshold: 2 });
    expect(verifyFreshness(sign(statement(), P2), { ...base, root: noHub }).value.version).toBe(10);
    expect(code(() => verifyFreshness(sign(statement(), H), { ...base, root: noHub }))).toBe('SIGNATURE_INVALID');
  });

  it('refuse another device, an expired statement, an older one and a channel going back, each with its code', () => {
    expect(code(() => verifyFreshness(sign(statement({ deviceId: 'screen-2' }), H), base))).toBe('AUDIENCE_MISMATCH');
    expect(code(() => verifyFreshness(sign(statement({ expiresAt: '2026-06-01T00:00:00Z' }), H), base))).toBe('EXPIRED');
    const trusted = statement();
    expect(code(() => verifyFreshness(sign(statement({ version: 9 }), H), { ...base, trusted }))).toBe('ROLLBACK');
    expect(code(() => verifyFreshness(sign(statement({ version: 11, channels: { lobby: { version: 7, sha256: 'b'.repeat(64) } } }), H), { ...base, trusted }))).toBe('ROLLBACK');
    // Newer, same, or a channel no longer offered: fine.
    expect(code(() => verifyFreshness(sign(statement({ version: 11, channels: { lobby: { version: 9, sha256: 'c'.repeat(64) } } }), H), { ...base, trusted }))).toBeNull();
    expect(code(() => verifyFreshness(sign(statement(), H), { ...base, trusted }))).toBeNull();
    expect(code(() => verifyFreshness(signedPayload(utf8.encode(JSON.stringify(statement())), [H], PAYLOAD_TYPES.playlist), base))).toBe('UNKNOWN_PAYLOAD_TYPE');
  });

  it('name exactly one playlist: anything else is NOT_CURRENT', () => {
    const s = statement();
    expect(() => requireCurrent(s, { channel: 'lobby', ...LOBBY })).not.toThrow();
    for (const other of [
      { channel: 'emergency', version: 3, sha256: 'e'.repeat(64) },
      { channel: 'lobby', version: 7, sha256: LOBBY.sha256 },
      { channel: 'lobby', version: 8, sha256: 'f'.repeat(64) },
    ]) {
      expect(code(() => requireCurrent(s, other))).toBe('NOT_CURRENT');
    }
    expect(code(() => requireCurrent(statement({ current: null }), { channel: 'lobby', ...LOBBY }))).toBe('NOT_CURRENT');
  });
});

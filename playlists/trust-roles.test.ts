import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './base64.ts';
import { pae } from './dsse.ts';
import { isPanoError, type ErrorCode } from './errors.ts';
import { RootMetadata } from './schemas/root.ts';
import { NOW, TestPayload, makeRoot, payloadBytes, signedPayload, signedRoot, testKey, toBytes } from './trust.fixtures.ts';
import { explainSignatures } from './trust-roles.ts';
import { verifyPlaylist, verifyRootSelf } from './trust.ts';
import type { KeyPair } from './keys.ts';

const R = testKey('roles-root');
const HUB = testKey('roles-hub');
const [A1, A2, A3] = [testKey('approver-1'), testKey('approver-2'), testKey('approver-3')];
const X = testKey('roles-stranger');
const board = makeRoot({ root: [R], publishers: [HUB], board: [A1, A2, A3], boardThreshold: 2 });
const small = makeRoot({ root: [R], publishers: [HUB] });
const bytes = payloadBytes();

function outcome(root: RootMetadata, signers: readonly KeyPair[], payload = bytes): ErrorCode | 'OK' {
  try {
    verifyPlaylist(toBytes(signedPayload(payload, signers)), { root, now: NOW, payloadSchema: TestPayload });
    return 'OK';
  } catch (error) {
    if (!isPanoError(error)) throw error;
    return error.code;
  }
}

describe('a root with a board: content needs the approvers', () => {
  it.each([
    ['two of three approvers', [A1, A2], 'OK'],
    ['all three approvers', [A1, A2, A3], 'OK'],
    ['one approver', [A1], 'THRESHOLD_NOT_MET'],
    ['one approver signing twice', [A1, A1], 'THRESHOLD_NOT_MET'],
    ['one approver and the hub key', [A1, HUB], 'THRESHOLD_NOT_MET'],
    ['the hub key alone', [HUB], 'ROLE_NOT_ALLOWED'],
    ['a root key alone', [R], 'ROLE_NOT_ALLOWED'],
    ['the hub and a root key', [HUB, R], 'ROLE_NOT_ALLOWED'],
    ['an unknown key', [X], 'SIGNATURE_INVALID'],
    ['one approver and an unknown key', [A2, X], 'THRESHOLD_NOT_MET'],
  ] as const)('%s → %s', (_, signers, expected) => {
    expect(outcome(board, signers)).toBe(expected);
  });

  it('two approvers over other bytes do not count for these bytes', () => {
    const other = signedPayload(payloadBytes({ version: 6 }), [A1, A2]);
    const mixed = { ...signedPayload(bytes, [A3]), signatures: [...signedPayload(bytes, [A3]).signatures, ...other.signatures] };
    let code: string | undefined;
    try {
      verifyPlaylist(mixed, { root: board, now: NOW, payloadSchema: TestPayload });
    } catch (error) {
      code = isPanoError(error) ? error.code : 'other';
    }
    expect(code).toBe('THRESHOLD_NOT_MET');
  });

  it('a root without a board keeps today’s rule: the hub key, threshold 1', () => {
    expect(outcome(small, [HUB])).toBe('OK');
    expect(outcome(small, [A1])).toBe('SIGNATURE_INVALID');
  });

  it('the multi-signature envelope verifies with Node’s own crypto.verify for each approver', () => {
    const envelope = signedPayload(bytes, [A1, A2]);
    const message = pae(envelope.payloadType, decodeBase64(envelope.payload));
    for (const [i, key] of [A1, A2].entries()) {
      const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(key.publicKey)]);
      const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
      expect(verify(null, message, publicKey, decodeBase64(envelope.signatures[i]!.sig))).toBe(true);
    }
  });

  it('a root whose board shares a key with the hub is refused (SCHEMA_INVALID)', () => {
    const shared = makeRoot({ root: [R], publishers: [HUB], board: [A1, HUB], boardThreshold: 2 });
    const result = RootMetadata.safeParse(shared);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain('roles.board.keyids.1');
    let code: string | undefined;
    try {
      verifyRootSelf(signedRoot(shared, [R]));
    } catch (error) {
      code = isPanoError(error) ? error.code : 'other';
    }
    expect(code).toBe('SCHEMA_INVALID');
  });

  it('a signed root with a board verifies and keeps the board', () => {
    expect(verifyRootSelf(signedRoot(board, [R])).value.roles.board).toEqual({ keyids: [A1.keyid, A2.keyid, A3.keyid], threshold: 2 });
  });

  it('explainSignatures lists each signature, its role and whether it counts', () => {
    const envelope = signedPayload(bytes, [A1, HUB, X]);
    envelope.signatures.push({ ...envelope.signatures[0]! });
    const out = explainSignatures(envelope, board);
    expect(out.role).toBe('board');
    expect(out.threshold).toBe(2);
    expect(out.signatures.map((s) => [s.roles.join('+'), s.valid, s.counts, s.verdict, s.known])).toEqual([
      ['board', true, true, 'counts', true],
      ['publisher', true, false, 'notInRole', true],
      ['', false, false, 'invalid', false],
      ['board', true, false, 'duplicate', true],
    ]);
    expect(out.counting).toBe(1);
  });
});

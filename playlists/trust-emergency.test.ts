import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPanoError, type ErrorCode } from './errors.ts';
import type { KeyPair } from './keys.ts';
import { Playlist } from './schemas/playlist.ts';
import { RootMetadata } from './schemas/root.ts';
import { makeRoot, signedPayload, testKey, toBytes } from './trust.fixtures.ts';
import { verifyPlaylist } from './trust.ts';

const R = testKey('em-root');
const HUB = testKey('em-hub');
const [A1, A2] = [testKey('em-approver-1'), testKey('em-approver-2')];
const DUTY = testKey('em-duty');
const NOW = new Date('2026-11-20T08:10:00Z');
const utf8 = new TextEncoder();
const example = JSON.parse(readFileSync(new URL('./examples/emergency.json', import.meta.url), 'utf8')) as Record<string, unknown>;

/** The shipped emergency example, valid from issuedAt for `minutes`. */
function takeover(minutes: number, overrides: Record<string, unknown> = {}): Uint8Array {
  const issuedAt = '2026-11-20T08:00:00Z';
  const expiresAt = new Date(Date.parse(issuedAt) + minutes * 60_000).toISOString();
  return utf8.encode(JSON.stringify({ ...example, issuedAt, expiresAt, ...overrides }));
}

function outcome(root: RootMetadata, signers: readonly KeyPair[], payload: Uint8Array, now = NOW): ErrorCode | 'OK' {
  try {
    verifyPlaylist(toBytes(signedPayload(payload, signers)), { root, now, payloadSchema: Playlist });
    return 'OK';
  } catch (error) {
    if (!isPanoError(error)) throw error;
    return error.code;
  }
}

const boardRoot = RootMetadata.parse(makeRoot({ root: [R], publishers: [HUB], board: [A1, A2], boardThreshold: 2, emergency: [DUTY], maxDurationMinutes: 360 }));
const lobby = utf8.encode(JSON.stringify({ ...example, channel: 'lobby', schedule: { entries: [{ id: 'loop', layout: 'landscape', content: { main: 'notice' } }] } }));

describe('the emergency role signs emergency takeovers only', () => {
  it.each([
    ['a takeover of 6 h (the maximum)', takeover(360), 'OK'],
    ['a takeover of 6 h and 1 min', takeover(361), 'EMERGENCY_TOO_LONG'],
    ['a normal playlist of another channel', lobby, 'EMERGENCY_ROLE_SCOPE'],
    ['channel emergency but not an interrupt', takeover(60, { schedule: { entries: [{ id: 't', layout: 'landscape', content: { main: 'notice' } }] } }), 'EMERGENCY_ROLE_SCOPE'],
    ['an interrupt with a fallback', takeover(60, { schedule: { ...(example.schedule as object), fallback: { layout: 'landscape', content: { main: 'notice' } } } }), 'EMERGENCY_ROLE_SCOPE'],
    [
      'a headline slide instead of the emergency template',
      takeover(60, { items: { notice: { kind: 'slide', template: 'headline', duration: 30, fields: { title: { vi: 'Khuyến mãi' } } } } }),
      'EMERGENCY_ROLE_SCOPE',
    ],
    ['issued a day from now (would reach past the maximum)', takeover(60, { issuedAt: '2026-11-21T08:00:00Z', expiresAt: '2026-11-21T09:00:00Z' }), 'EMERGENCY_ROLE_SCOPE'],
  ] as const)('duty officer signs %s → %s', (_, payload, expected) => {
    expect(outcome(boardRoot, [DUTY], payload)).toBe(expected);
  });

  it('the board’s threshold is not bound by the emergency scope; one approver plus the duty officer is the emergency scope', () => {
    expect(outcome(boardRoot, [A1, A2], takeover(3_000))).toBe('OK');
    expect(outcome(boardRoot, [A1, A2], lobby)).toBe('OK');
    // One approver is short of the board: the duty officer's signature makes it an emergency, scoped as one.
    expect(outcome(boardRoot, [A1, DUTY], lobby)).toBe('EMERGENCY_ROLE_SCOPE');
    expect(outcome(boardRoot, [A1, DUTY], takeover(30))).toBe('OK');
  });

  it('says which role counted, so a verifier can tell the operator', () => {
    const verify = (signers: readonly KeyPair[], payload: Uint8Array) => verifyPlaylist(toBytes(signedPayload(payload, signers)), { root: boardRoot, now: NOW, payloadSchema: Playlist });
    expect(verify([DUTY], takeover(60)).emergency).toBe(true);
    expect(verify([A1, A2], takeover(60)).emergency).toBeUndefined();
  });

  it('the hub’s key in the emergency role signs takeovers, never content, under a board', () => {
    const root = RootMetadata.parse(makeRoot({ root: [R], publishers: [HUB], board: [A1, A2], boardThreshold: 2, emergency: [HUB], maxDurationMinutes: 120 }));
    expect(outcome(root, [HUB], takeover(120))).toBe('OK');
    expect(outcome(root, [HUB], takeover(121))).toBe('EMERGENCY_TOO_LONG');
    expect(outcome(root, [HUB], lobby)).toBe('EMERGENCY_ROLE_SCOPE');
  });

  it('without an emergency role the duty officer’s key is nobody', () => {
    const root = RootMetadata.parse(makeRoot({ root: [R], publishers: [HUB], board: [A1, A2], boardThreshold: 2 }));
    expect(outcome(root, [DUTY], takeover(30))).toBe('SIGNATURE_INVALID');
  });

  it('a threshold of two duty officers: one is not enough', () => {
    const D2 = testKey('em-duty-2');
    const root = RootMetadata.parse(makeRoot({ root: [R], publishers: [HUB], emergency: [DUTY, D2], emergencyThreshold: 2 }));
    expect(outcome(root, [DUTY], takeover(30))).toBe('SIGNATURE_INVALID');
    expect(outcome(root, [DUTY, D2], takeover(30))).toBe('OK');
  });

  it('a restart re-checks an adopted takeover with the epoch as now: the issue time is not judged, the duration is', () => {
    expect(outcome(boardRoot, [DUTY], takeover(60), new Date(0))).toBe('OK');
    expect(outcome(boardRoot, [DUTY], takeover(400), new Date(0))).toBe('EMERGENCY_TOO_LONG');
  });

  it('the root refuses a maximum over one week or under one minute', () => {
    const base = makeRoot({ root: [R], publishers: [HUB], emergency: [DUTY] });
    for (const max of [0, 10_081]) {
      const bad = { ...base, roles: { ...base.roles, emergency: { ...base.roles.emergency!, maxDurationMinutes: max } } };
      expect(RootMetadata.safeParse(bad).success).toBe(false);
    }
  });
});

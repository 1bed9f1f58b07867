import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPanoError, type ErrorCode } from './errors.ts';
import type { Envelope } from './schemas/envelope.ts';
import { RootMetadata } from './schemas/root.ts';
import { NOW, TestPayload, makeRoot, payloadBytes, signedPayload, testKey } from './trust.fixtures.ts';
import { verifyPlaylist } from './trust.ts';

// Six keys; each run puts some in the board, the publisher (hub) and root roles, and signs with a multiset of them.
const POOL = [0, 1, 2, 3, 4, 5].map((i) => testKey(`roles-prop-${i}`));
// Three payloads: a content playlist, an emergency takeover within the emergency role's 60 min, and one of 61 min.
const takeover = (minutes: number) => ({
  channel: 'emergency',
  issuedAt: '2026-05-31T23:30:00Z',
  expiresAt: new Date(Date.parse('2026-05-31T23:30:00Z') + minutes * 60_000).toISOString(),
  items: { notice: { kind: 'slide', template: 'emergency' } },
  schedule: { entries: [{ interrupt: true }] },
});
const PAYLOADS = [payloadBytes(), payloadBytes(takeover(60)), payloadBytes(takeover(61))];
const SCOPED: (ErrorCode | 'OK')[] = ['EMERGENCY_ROLE_SCOPE', 'OK', 'EMERGENCY_TOO_LONG'];
const Payload = TestPayload.loose();
// One signature per key and payload, made once: a run only picks which go in the envelope.
const SIG = PAYLOADS.map((bytes) => POOL.map((k) => signedPayload(bytes, [k]).signatures[0]!));
const UNKNOWN = PAYLOADS.map((bytes) => signedPayload(bytes, [testKey('roles-prop-unknown')]).signatures[0]!);

const indices = fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 });
const scenario = fc.record({
  root: indices,
  publishers: indices,
  board: fc.option(indices, { nil: undefined }),
  boardThreshold: fc.integer({ min: 1, max: 4 }),
  emergency: fc.option(indices, { nil: undefined }),
  emergencyThreshold: fc.integer({ min: 1, max: 4 }),
  payload: fc.integer({ min: 0, max: 2 }),
  // Duplicates allowed: an approver signing twice must count once.
  signers: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 6 }),
  unknown: fc.boolean(),
});

function outcome(root: RootMetadata, envelope: Envelope): ErrorCode | 'OK' {
  try {
    verifyPlaylist(envelope, { root, now: NOW, payloadSchema: Payload });
    return 'OK';
  } catch (error) {
    if (!isPanoError(error)) throw error;
    return error.code;
  }
}

describe('role rules (fast-check)', () => {
  it('content needs the board’s threshold of distinct approvers, else the emergency role’s for a takeover in scope; keys in two roles, duplicates and unknown keys never help', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const spec = {
          root: s.root.map((i) => POOL[i]!),
          publishers: s.publishers.map((i) => POOL[i]!),
          ...(s.board ? { board: s.board.map((i) => POOL[i]!), boardThreshold: Math.min(s.boardThreshold, s.board.length) } : {}),
          ...(s.emergency ? { emergency: s.emergency.map((i) => POOL[i]!), emergencyThreshold: Math.min(s.emergencyThreshold, s.emergency.length), maxDurationMinutes: 60 } : {}),
        };
        const parsed = RootMetadata.safeParse(makeRoot(spec));
        const online = new Set(s.publishers);
        const shared = (s.board ?? []).some((i) => online.has(i));
        // A key that is both an approver and a hub key would let the hub sign alone: such a root is never valid.
        expect(parsed.success).toBe(!shared);
        if (!parsed.success) return;

        const signatures = [...s.signers.map((i) => SIG[s.payload]![i]!), ...(s.unknown ? [UNKNOWN[s.payload]!] : [])];
        fc.pre(signatures.length > 0);
        const envelope: Envelope = { ...signedPayload(PAYLOADS[s.payload]!, [POOL[0]!]), signatures };

        const contentKeys = new Set(s.board ?? s.publishers);
        const threshold = s.board ? parsed.data.roles.board!.threshold : 1;
        const counted = new Set(s.signers.filter((i) => contentKeys.has(i))).size;
        const otherRole = s.board !== undefined && s.signers.some((i) => !contentKeys.has(i) && (s.root.includes(i) || s.publishers.includes(i)));
        // Short of the content threshold, the emergency role's threshold of distinct keys makes a takeover, scoped by the payload.
        const emergencyMet = s.emergency !== undefined && new Set(s.signers.filter((i) => s.emergency!.includes(i))).size >= parsed.data.roles.emergency!.threshold;
        const expected: ErrorCode | 'OK' =
          counted >= threshold
            ? 'OK'
            : emergencyMet
              ? SCOPED[s.payload]!
              : counted > 0
                ? 'THRESHOLD_NOT_MET'
                : otherRole
                  ? 'ROLE_NOT_ALLOWED'
                  : 'SIGNATURE_INVALID';
        expect(outcome(parsed.data, envelope)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { serializeEnvelope } from './dsse.ts';
import { PanoError } from './errors.ts';
import { NOW, TestPayload, makeRoot, payloadBytes, signedPayload, testKey } from './trust.fixtures.ts';
import { verifyPlaylist, type EnvelopeInput } from './trust.ts';

const [P1, P2] = [testKey('prop-publisher-1'), testKey('prop-publisher-2')];
const root = makeRoot({ root: [testKey('prop-root')], publishers: [P1, P2], publisherThreshold: 2 });
const original = payloadBytes();
const envelope = signedPayload(original, [P1, P2]);
const text = serializeEnvelope(envelope);
const bytes = new TextEncoder().encode(text);

/** Verified payload bytes, or null for a PanoError; any other throw fails the property. */
function attempt(input: EnvelopeInput): Uint8Array | null {
  try {
    return verifyPlaylist(input, { root, now: NOW, payloadSchema: TestPayload }).payload;
  } catch (error) {
    if (!(error instanceof PanoError)) throw error;
    return null;
  }
}

/** Replace, insert or delete at a position; applied to a byte array. */
const byteEdit = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), value: fc.constant(0) }),
);
type ByteEdit = typeof byteEdit extends fc.Arbitrary<infer T> ? T : never;

function applyEdits(input: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  const out = [...input];
  for (const { op, at, value } of edits) {
    const i = out.length === 0 ? 0 : at % (out.length + (op === 'insert' ? 1 : 0));
    if (op === 'set') out[i] = value;
    else if (op === 'insert') out.splice(i, 0, value);
    else out.splice(i, 1);
  }
  return Uint8Array.from(out);
}

const differs = (a: Uint8Array, b: Uint8Array) => a.length !== b.length || a.some((v, i) => v !== b[i]);

describe('mutations of a valid envelope (fast-check)', () => {
  it('the unmutated envelope verifies', () => {
    expect(attempt(bytes)).toEqual(original);
  });

  it('edited envelope bytes: a PanoError, or exactly the original payload (e.g. whitespace, keyid)', () => {
    fc.assert(
      fc.property(fc.array(byteEdit, { minLength: 1, maxLength: 4 }), (edits) => {
        const out = attempt(applyEdits(bytes, edits));
        if (out !== null) expect(out).toEqual(original);
      }),
      { numRuns: 400 },
    );
  });

  it('edited envelope text (any Unicode): a PanoError, or exactly the original payload', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 8 }), fc.string({ unit: 'binary', maxLength: 8 }), (at, drop, insert) => {
        const i = at % (text.length + 1);
        const out = attempt(text.slice(0, i) + insert + text.slice(i + drop));
        if (out !== null) expect(out).toEqual(original);
      }),
      { numRuns: 400 },
    );
  });

  it('any change to the payload bytes never verifies', () => {
    fc.assert(
      fc.property(fc.array(byteEdit, { minLength: 1, maxLength: 4 }), (edits) => {
        const changed = applyEdits(original, edits);
        fc.pre(differs(changed, original));
        expect(attempt({ ...envelope, payload: encodeBase64(changed) })).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('any change to a signature never verifies', () => {
    fc.assert(
      fc.property(fc.nat({ max: 1 }), fc.array(byteEdit, { minLength: 1, maxLength: 3 }), (which, edits) => {
        const sigs = envelope.signatures.map((s) => ({ ...s }));
        const target = sigs[which]!;
        const changed = applyEdits(decodeBase64(target.sig), edits);
        fc.pre(differs(changed, decodeBase64(target.sig)));
        target.sig = encodeBase64(changed);
        expect(attempt({ ...envelope, signatures: sigs })).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('arbitrary field values: a PanoError unless only unauthenticated parts (keyid, extra fields) changed', () => {
    const field = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string()), fc.dictionary(fc.string(), fc.string()));
    fc.assert(
      fc.property(fc.constantFrom('payloadType', 'payload', 'signatures', 'keyid', 'sig', 'extra'), field, (name, value) => {
        const e = structuredClone(envelope) as unknown as Record<string, unknown>;
        const s = (envelope.signatures.map((x) => ({ ...x })) as Record<string, unknown>[])[0]!;
        e.signatures = [s, ...envelope.signatures.slice(1)];
        if (name === 'keyid' || name === 'sig') s[name] = value;
        else e[name] = value;
        const out = attempt(e);
        if (out !== null) {
          expect(out).toEqual(original);
          // Only what DSSE leaves unauthenticated may change and still verify.
          expect(['keyid', 'extra']).toContain(name);
        }
      }),
      { numRuns: 400 },
    );
  });
});

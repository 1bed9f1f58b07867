import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PanoError } from './errors.ts';
import { checkJsonLimits, parseJsonText } from './parse.ts';

/** Depth and object/array count of a parsed value, the slow and obvious way. */
function shape(value: unknown, depth = 0): { depth: number; containers: number } {
  if (value === null || typeof value !== 'object') return { depth, containers: 0 };
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.reduce<{ depth: number; containers: number }>(
    (acc, child) => {
      const s = shape(child, depth + 1);
      return { depth: Math.max(acc.depth, s.depth), containers: acc.containers + s.containers };
    },
    { depth: depth + 1, containers: 1 },
  );
}

const refusal = (text: string, limits: Parameters<typeof checkJsonLimits>[2]) => {
  try {
    checkJsonLimits(text, 'x', limits);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(PanoError);
    return (error as PanoError).code;
  }
};

describe('checkJsonLimits (fast-check)', () => {
  it('refuses exactly the JSON whose depth or object count is over the cap, whatever its strings hold', () => {
    // Strings full of brackets, quotes and backslashes: none of them may count.
    const nasty = fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', ' ', '\u00e9') });
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, nasty, fc.integer(), fc.constant(null), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(nasty, tie('node'), { maxKeys: 3 })),
    })).node;
    fc.assert(
      fc.property(value, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 30 }), fc.boolean(), (v, maxDepth, maxContainers, pretty) => {
        const text = JSON.stringify(v, null, pretty ? 2 : undefined);
        const real = shape(JSON.parse(text));
        const over = real.depth > maxDepth || real.containers > maxContainers;
        expect(refusal(text, { maxDepth, maxContainers })).toBe(over ? 'TOO_LARGE' : null);
      }),
      { numRuns: 2_000 },
    );
  });

  it('leaves malformed text to JSON.parse (MALFORMED) and caps length first', () => {
    expect(() => parseJsonText('{"a": "unterminated', 'x')).toThrow(expect.objectContaining({ code: 'MALFORMED' }));
    expect(() => parseJsonText('{"a": 1}', 'x', { maxBytes: 4 })).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
    expect(parseJsonText('{"a": "\\\\", "b": ["\\"[["]}', 'x', { maxDepth: 2 })).toEqual({ a: '\\', b: ['"[['] });
  });
});

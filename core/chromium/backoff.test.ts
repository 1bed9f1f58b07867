import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff.ts';

describe('createBackoff', () => {
  const options = { initialMs: 500, maxMs: 4_000, factor: 2, resetAfterMs: 60_000 };

  it('doubles on quick failures up to the cap', () => {
    const backoff = createBackoff(options);
    const delays = [0, 1, 2, 3, 4, 5].map((i) => backoff.next(i * 1000, i * 1000 + 100));
    expect(delays).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    expect(backoff.streak).toBe(6);
  });

  it('starts again from the initial delay after a long healthy run', () => {
    const backoff = createBackoff(options);
    backoff.next(0, 100);
    backoff.next(1000, 1100);
    expect(backoff.next(2000, 2000 + 60_000)).toBe(500);
    expect(backoff.streak).toBe(1);
  });
});

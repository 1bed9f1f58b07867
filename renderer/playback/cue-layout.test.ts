import { describe, expect, it } from 'vitest';
import { wrappedLines } from './cue-layout.ts';

// Every character 10 px wide: a 100 px line holds 10 characters.
const measure = (s: string) => s.length * 10;

describe('wrappedLines', () => {
  it('counts the lines a cue wraps to at word boundaries', () => {
    expect(wrappedLines('short', measure, 100)).toBe(1);
    expect(wrappedLines('aaaa bbbb cccc', measure, 100)).toBe(2);
    expect(wrappedLines('aaaa bbbb cccc dddd eeee', measure, 100)).toBe(3);
  });

  it('keeps the cue’s own line breaks, and a word longer than the line stays one line', () => {
    expect(wrappedLines('one\ntwo', measure, 100)).toBe(2);
    expect(wrappedLines('abcdefghijklmnop', measure, 100)).toBe(1);
  });
});

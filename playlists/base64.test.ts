import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { isPanoError } from './errors.ts';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('base64', () => {
  it('encodes standard, padded', () => {
    expect(encodeBase64(new TextEncoder().encode('hello world'))).toBe('aGVsbG8gd29ybGQ=');
    expect(encodeBase64(bytes())).toBe('');
    expect(encodeBase64(bytes(0xfb, 0xff, 0xbf))).toBe('+/+/');
  });

  it.each([
    ['aGVsbG8gd29ybGQ=', 'hello world'],
    ['aGVsbG8gd29ybGQ', 'hello world'],
    ['YQ==', 'a'],
    ['YQ', 'a'],
    ['', ''],
  ])('decodes %j', (text, expected) => {
    expect(new TextDecoder().decode(decodeBase64(text))).toBe(expected);
  });

  it('accepts the URL-safe alphabet', () => {
    expect(decodeBase64('-_-_Pj8=')).toEqual(bytes(0xfb, 0xff, 0xbf, 0x3e, 0x3f));
    expect(decodeBase64('+/+/Pj8')).toEqual(bytes(0xfb, 0xff, 0xbf, 0x3e, 0x3f));
  });

  it.each([
    ['whitespace', 'YW Jj'],
    ['newline', 'YWJj\n'],
    ['impossible length', 'YWJjZ'],
    ['too much padding', 'YQ==='],
    ['padding inside', 'YQ==YQ=='],
    ['short padding', 'YQ='],
    ['padding on a full block', 'YWJj='],
    ['mixed alphabets', '+_+_'],
    ['non-zero trailing bits', 'YR=='],
    ['non-ASCII', 'YWJé'],
    ['other symbols', 'YW*j'],
  ])('rejects %s as MALFORMED', (_name, text) => {
    expect(() => decodeBase64(text)).toThrow(expect.objectContaining({ code: 'MALFORMED' }));
  });

  it('round-trips any bytes, in both alphabets, padded or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (data) => {
        const std = encodeBase64(data);
        const url = std.replaceAll('+', '-').replaceAll('/', '_');
        expect(decodeBase64(std)).toEqual(data);
        expect(decodeBase64(url)).toEqual(data);
        expect(decodeBase64(std.replace(/=+$/, ''))).toEqual(data);
        expect(std).toBe(Buffer.from(data).toString('base64'));
      }),
    );
  });

  it('never throws anything but MALFORMED on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        try {
          const out = decodeBase64(text);
          // Whatever it accepts is canonical: it encodes back to the same text.
          expect(encodeBase64(out).replace(/=+$/, '')).toBe(text.replaceAll('-', '+').replaceAll('_', '/').replace(/=+$/, ''));
        } catch (error) {
          expect(isPanoError(error, 'MALFORMED')).toBe(true);
        }
      }),
    );
  });
});

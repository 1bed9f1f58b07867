import { PanoError } from './errors.ts';

/**
 * Base64 for envelopes and key files. DSSE verifiers must accept both the
 * standard and the URL-safe alphabet, padded or not; we emit standard, padded.
 *
 * Decoding is strict so that one byte string has one spelling per alphabet:
 * no whitespace, no mixed alphabets, correct padding, and zero unused bits
 * in the last character (otherwise `YQ==` and `YR==` would both mean "a").
 */

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const VALUES = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) VALUES[STANDARD.charCodeAt(i)] = i;
VALUES['-'.charCodeAt(0)] = 62;
VALUES['_'.charCodeAt(0)] = 63;

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += STANDARD[(n >> 18) & 63]! + STANDARD[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? STANDARD[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? STANDARD[n & 63]! : '=';
  }
  return out;
}

/** Standard or URL-safe base64, padding optional → bytes; anything else is MALFORMED. */
export function decodeBase64(text: string, what = 'base64'): Uint8Array {
  const bad = (why: string) => new PanoError('MALFORMED', `${what} is not valid base64: ${why}`);
  if (typeof text !== 'string') throw bad('not a string');

  const firstPad = text.indexOf('=');
  const body = firstPad === -1 ? text : text.slice(0, firstPad);
  const padding = text.length - body.length;
  if (padding > 0) {
    if (padding > 2 || !/^=+$/.test(text.slice(firstPad))) throw bad('misplaced padding');
    if (text.length % 4 !== 0) throw bad('wrong padding length');
  }
  if (body.length % 4 === 1) throw bad('impossible length');
  if (padding > 0 && body.length % 4 === 0) throw bad('padding on a complete block');

  const standard = /[+/]/.test(body);
  const urlSafe = /[-_]/.test(body);
  if (standard && urlSafe) throw bad('mixes the standard and URL-safe alphabets');

  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const value = code < 128 ? VALUES[code]! : -1;
    if (value < 0) throw bad(`unexpected character at ${i}`);
    acc = ((acc << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) throw bad('non-zero trailing bits');
  return out;
}

/** Like decodeBase64, but undefined instead of an error (for schema refinements). */
export function tryDecodeBase64(text: string): Uint8Array | undefined {
  try {
    return decodeBase64(text);
  } catch {
    return undefined;
  }
}

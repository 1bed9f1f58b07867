import type { z } from 'zod';
import { PanoError, type BadPath } from './errors.ts';
import { toBadPath } from './issues.ts';

/**
 * The one way untrusted data (network, disk, local API, CLI) becomes typed:
 * throws PanoError SCHEMA_INVALID listing every bad path.
 */
export function parseUnknown<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: BadPath[] = result.error.issues.map(toBadPath);
  const summary = issues
    .slice(0, 5)
    .map((i) => `${i.path || '(root)'}: ${i.message}`)
    .join('; ');
  const more = issues.length > 5 ? ` (+${issues.length - 5} more)` : '';
  throw new PanoError('SCHEMA_INVALID', `${what} is invalid: ${summary}${more}`, issues);
}

/**
 * Caps checked before JSON.parse ever sees the text. JSON.parse builds every
 * object and array it meets, and V8 keeps the heap it grew for them: 4 MB of
 * `[[[[…` or `[[],[],…` took a player core from ~100 MB to 500 MB and more,
 * never given back. Depth and the number of objects and arrays bound that;
 * strings and numbers cost little more than their bytes.
 */
export interface JsonLimits {
  /** Longest text, in UTF-16 code units (never more than its UTF-8 bytes): byte readers cap bytes before this. */
  maxBytes: number;
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
  /** Most objects and arrays in all. */
  maxContainers: number;
}

/** Wide enough for any playlist, root, report or config Pano writes (a 4 MiB playlist needs a few thousand containers). */
export const DEFAULT_JSON_LIMITS: JsonLimits = { maxBytes: 16 * 1024 * 1024, maxDepth: 64, maxContainers: 100_000 };

/**
 * Throws TOO_LARGE when `text` is over a cap; one pass over the characters,
 * allocating nothing. Brackets inside strings do not count (escapes are
 * followed); malformed text is left to JSON.parse.
 */
export function checkJsonLimits(text: string, what: string, limits: Partial<JsonLimits> = {}): void {
  const { maxBytes, maxDepth, maxContainers } = { ...DEFAULT_JSON_LIMITS, ...limits };
  if (text.length > maxBytes) throw new PanoError('TOO_LARGE', `${what} exceeds ${maxBytes} bytes`);
  let depth = 0;
  let containers = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string to its closing quote: one not preceded by an odd run of backslashes (indexOf is the fast part).
      let end = i;
      let escaped = true;
      while (escaped) {
        end = text.indexOf('"', end + 1);
        if (end < 0) return; // unterminated: JSON.parse will say so
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
        escaped = slashes % 2 === 1;
      }
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) throw new PanoError('TOO_LARGE', `${what} is nested deeper than ${maxDepth} levels`);
      if (++containers > maxContainers) throw new PanoError('TOO_LARGE', `${what} has more than ${maxContainers} objects and arrays`);
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
}

/** The one door to JSON.parse: caps first (TOO_LARGE), then bad JSON is MALFORMED. */
export function parseJsonText(text: string, what: string, limits?: Partial<JsonLimits>): unknown {
  checkJsonLimits(text, what, limits);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new PanoError('MALFORMED', `${what} is not valid JSON: ${(error as Error).message}`);
  }
}

/** JSON text → typed value; over a cap TOO_LARGE, bad JSON MALFORMED, bad shape SCHEMA_INVALID. */
export function parseJson<S extends z.ZodType>(schema: S, text: string, what: string, limits?: Partial<JsonLimits>): z.infer<S> {
  return parseUnknown(schema, parseJsonText(text, what, limits), what);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of JSON → typed value; over the byte cap TOO_LARGE (before decoding), invalid UTF-8 MALFORMED. */
export function parseJsonBytes<S extends z.ZodType>(schema: S, bytes: Uint8Array, what: string, limits?: Partial<JsonLimits>): z.infer<S> {
  const maxBytes = limits?.maxBytes ?? DEFAULT_JSON_LIMITS.maxBytes;
  if (bytes.length > maxBytes) throw new PanoError('TOO_LARGE', `${what} exceeds ${maxBytes} bytes`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new PanoError('MALFORMED', `${what} is not valid UTF-8`);
  }
  return parseJson(schema, text, what, limits);
}

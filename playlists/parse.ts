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

/** JSON text → typed value; bad JSON is MALFORMED, bad shape SCHEMA_INVALID. */
export function parseJson<S extends z.ZodType>(schema: S, text: string, what: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PanoError('MALFORMED', `${what} is not valid JSON: ${(error as Error).message}`);
  }
  return parseUnknown(schema, value, what);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of JSON → typed value; invalid UTF-8 is MALFORMED. */
export function parseJsonBytes<S extends z.ZodType>(schema: S, bytes: Uint8Array, what: string): z.infer<S> {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new PanoError('MALFORMED', `${what} is not valid UTF-8`);
  }
  return parseJson(schema, text, what);
}

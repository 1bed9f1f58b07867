import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { isPanoError } from '../../playlists/errors.ts';
import { parseJsonBytes } from '../../playlists/parse.ts';
import { HttpError } from './errors.ts';

export const MAX_JSON_BYTES = 1024 * 1024;
/** A play batch of 1,000 records is ~600 kB. */
export const MAX_REPORT_BYTES = 2 * 1024 * 1024;

/** Reads a whole body, refusing (413) before buffering more than `maxBytes`. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    req.resume();
    throw tooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      req.resume();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export const tooLarge = (maxBytes: number) =>
  new HttpError(413, 'TOO_LARGE', `request body exceeds the limit of ${maxBytes} bytes`, [], { limit: maxBytes });

/** JSON body → typed value; MALFORMED or SCHEMA_INVALID answer 400 with every bad path. */
export async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S, what: string, maxBytes = MAX_JSON_BYTES): Promise<z.infer<S>> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `${what} must be sent as application/json`, [], { expected: 'application/json' });
  }
  const bytes = await readBody(req, maxBytes);
  return parseBytes(schema, bytes, what);
}

/** Bytes → typed value through playlists/parse.ts (size, depth and object-count caps before JSON.parse; over one: 413). */
export function parseBytes<S extends z.ZodType>(schema: S, bytes: Uint8Array, what: string): z.infer<S> {
  try {
    return parseJsonBytes(schema, bytes, what);
  } catch (error) {
    if (isPanoError(error)) throw new HttpError(error.code === 'TOO_LARGE' ? 413 : 400, error.code, error.message, error.issues);
    throw error;
  }
}

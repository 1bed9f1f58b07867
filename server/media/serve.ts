import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from '../http/errors.ts';

/** Content-addressed files never change under one URL; other callers (update feeds) say otherwise. */
const IMMUTABLE = 'private, max-age=31536000, immutable';

/** Types a browser shows passively when opened (no script, no links out): these may open inline. */
const PASSIVE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'video/mp4', 'video/webm', 'text/vtt']);

/**
 * Uploaded files are served from the hub's own origin, where an operator's
 * session lives. Whatever a file turns out to be, opening it must not run
 * anything there: a CSP that allows nothing and sandboxes the document into
 * an opaque origin (GitHub serves user content the same way), nosniff (also
 * on every response, server/http/respond.ts), and `attachment` for anything
 * that is not a plain image, video or subtitle file. Routes serving files of
 * the data folder (media, thumbnails, screenshots, update files) set them
 * with setHeader before they do anything, so refusals (401, 404, 416) carry
 * them too; the studio's own built files do not get them (a worker script's
 * CSP would govern the worker).
 */
export function userContentHeaders(res: ServerResponse, type?: string): void {
  res.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-disposition', type !== undefined && PASSIVE.has(type) ? 'inline' : 'attachment');
}

/**
 * A file with single-range support (RFC 9110): 206 for a satisfiable range,
 * 416 otherwise (multi-range requests too: electron-updater then falls back
 * to a whole download). Only regular files: a folder is 404, never listed.
 */
export async function sendFile(req: IncomingMessage, res: ServerResponse, path: string, type: string, etag: string, cacheControl = IMMUTABLE): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new HttpError(404, 'NOT_FOUND', 'file not found');
  const size = info.size;
  const headers: Record<string, string | number> = {
    'content-type': type,
    etag,
    'accept-ranges': 'bytes',
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const range = req.headers.range;
  const ifRange = req.headers['if-range'];
  let start = 0;
  let end = size - 1;
  let status = 200;
  if (range && (!ifRange || ifRange === etag)) {
    const m = /^bytes=(\d*)-(\d*)$/.exec(range);
    if (!m || (m[1] === '' && m[2] === '')) {
      res.writeHead(416, { 'content-range': `bytes */${size}` });
      res.end();
      return;
    }
    if (m[1] === '') {
      start = Math.max(0, size - Number(m[2]));
    } else {
      start = Number(m[1]);
      if (m[2] !== '') end = Math.min(end, Number(m[2]));
    }
    if (start >= size || start > end) {
      res.writeHead(416, { 'content-range': `bytes */${size}` });
      res.end();
      return;
    }
    status = 206;
    headers['content-range'] = `bytes ${start}-${end}/${size}`;
  }
  headers['content-length'] = end - start + 1;
  res.writeHead(status, headers);
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  createReadStream(path, { start, end }).pipe(res);
}

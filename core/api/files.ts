import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CONTENT_SECURITY_POLICY, sendText, typeForPath } from './headers.ts';
import { parseRange } from './range.ts';

/** How /media/ responses prove their bytes (see core/cache/store.ts). */
export interface Integrity {
  sha256: string;
  /** Before a partial range: the whole file must have been hashed lately (it is hashed now otherwise); false = gone, answer 404. */
  beforePartial(): Promise<boolean>;
  /** After a whole-file response was hashed as it streamed (`sent` is the stat it was served from). */
  streamed(sent: { ino: number; size: number; mtimeMs: number }, ok: boolean): void;
}

/**
 * Streams a file with Range support. `type` is the Content-Type to send. With
 * `integrity`, a response covering the whole file is hashed as it streams and
 * its last chunk is held back until the hash is known: on a mismatch the
 * connection is destroyed, so the client sees a network error short of
 * Content-Length, never a complete wrong file.
 */
export async function sendFile(req: IncomingMessage, res: ServerResponse, path: string, type: string, cache: string, integrity?: Integrity): Promise<void> {
  const info = await stat(path);
  const size = info.size;
  const range = parseRange(req.method === 'GET' ? req.headers.range : undefined, size);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', cache);
  if (range.kind === 'unsatisfiable') {
    res.statusCode = 416;
    res.setHeader('Content-Range', `bytes */${size}`);
    res.end();
    return;
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : size - 1;
  // `bytes=0-` (what <video> asks first) covers the whole file: it can be hashed like a 200.
  const whole = start === 0 && end === size - 1;
  if (integrity && !whole && req.method === 'GET' && !(await integrity.beforePartial())) {
    sendText(res, 404, 'not in the cache');
    return;
  }
  if (range.kind === 'partial') {
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  } else res.statusCode = 200;
  res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  const stream = createReadStream(path, { start, end });
  if (!integrity || !whole) {
    await new Promise<void>((resolve) => {
      stream.on('error', () => res.destroy());
      res.on('close', () => {
        stream.destroy();
        resolve();
      });
      stream.pipe(res);
    });
    return;
  }
  const hash = createHash('sha256');
  let held: Buffer | null = null;
  /** Set once every byte was hashed; undefined when the stream stopped early (a viewer closing is no verdict). */
  let verdict: boolean | undefined;
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      const out = held;
      held = chunk;
      done(null, out ?? undefined);
    },
    flush(done) {
      verdict = hash.digest('hex') === integrity.sha256;
      if (!verdict) return done(new Error('cached file does not hash to its name'));
      done(null, held ?? undefined);
    },
  });
  try {
    await pipeline(stream, check, res);
  } catch {
    // pipeline destroyed the response: the client never sees the last bytes.
    res.destroy();
  }
  if (verdict !== undefined) integrity.streamed(info, verdict);
}

/**
 * The renderer bundle from renderer/dist. index.html (and unknown paths, for
 * client-side routes) gets the CSP; a missing bundle gets a page saying so.
 */
export async function sendBundle(req: IncomingMessage, res: ServerResponse, dir: string, pathname: string): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    sendText(res, 400, 'bad path');
    return;
  }
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const file = join(dir, rel);
  const inside = file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep);
  if (inside && rel !== '' && !rel.endsWith('.html')) {
    const info = await stat(file).catch(() => null);
    if (info?.isFile()) {
      await sendFile(req, res, file, typeForPath(file), 'no-cache');
      return;
    }
    // Missing assets are 404s; only page routes fall back to index.html.
    if (/\.[a-z0-9]+$/i.test(rel)) {
      sendText(res, 404, 'not found');
      return;
    }
  }
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  const html = await readFile(join(dir, 'index.html'), 'utf8').catch(() => null);
  if (html === null) {
    sendText(
      res,
      200,
      '<!doctype html><meta charset="utf-8"><title>Pano</title><p>The renderer bundle is not built. Run <code>npm run build:renderer</code>, then reload.</p>',
      'text/html; charset=utf-8',
    );
    return;
  }
  sendText(res, 200, html, 'text/html; charset=utf-8');
}

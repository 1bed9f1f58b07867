import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, normalize, sep } from 'node:path';
import { contentSecurityPolicy, sendText, typeForPath } from './headers.ts';
import { parseRange } from './range.ts';

/** Streams a file with Range support. `type` is the Content-Type to send. */
export async function sendFile(req: IncomingMessage, res: ServerResponse, path: string, type: string, cache: string): Promise<void> {
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
  if (range.kind === 'partial') {
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
  } else res.statusCode = 200;
  res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(path, { start, end });
    stream.on('error', () => res.destroy());
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

/**
 * The renderer bundle from renderer/dist. index.html (and unknown paths, for
 * client-side routes) gets the CSP; a missing bundle gets a page saying so.
 */
export async function sendBundle(req: IncomingMessage, res: ServerResponse, dir: string, pathname: string, liveOrigins: readonly string[]): Promise<void> {
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
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(liveOrigins));
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

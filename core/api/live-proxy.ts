import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from '../util/http.ts';
import { sendText } from './headers.ts';

/** A live stream that sends nothing for this long is cut; hls.js then retries or the engine skips it. */
const IDLE_MS = 10_000;
const FORWARDED = ['content-type', 'content-length', 'content-range', 'cache-control', 'last-modified', 'etag', 'accept-ranges'] as const;

/**
 * `/live/<scheme>/<host>/<path>` → `<scheme>://<host>/<path>`: the page's only
 * way to a live HLS stream. The page's CSP allows no origin but its own, so
 * the check of which origins may be reached lives here, against the playlist
 * playing *now* (`allowed()`): a stream added by a new version plays at once,
 * one removed by it is refused at once, and nothing needs a reload.
 */
export function liveTarget(rest: string, search: string): URL | null {
  const m = /^(https?)\/([^/]+)(\/.*)?$/.exec(rest);
  if (!m) return null;
  try {
    return new URL(`${m[1]}://${m[2]}${m[3] ?? '/'}${search}`);
  } catch {
    return null;
  }
}

export async function proxyLive(req: IncomingMessage, res: ServerResponse, target: URL | null, allowed: readonly string[]): Promise<void> {
  if (!target) return sendText(res, 400, 'bad live stream path');
  if (!allowed.includes(target.origin)) return sendText(res, 403, `${target.origin} is no live stream of the current playlist`);
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (typeof req.headers.range === 'string') headers.range = req.headers.range;
  let upstream: Awaited<ReturnType<typeof request>>;
  try {
    upstream = await request(target, { headers, idleTimeoutMs: IDLE_MS, signal: abort.signal });
  } catch (error) {
    if (!res.headersSent && !abort.signal.aborted) sendText(res, 502, `live stream ${target.host}: ${(error as Error).message}`);
    return;
  }
  res.statusCode = upstream.status;
  for (const h of FORWARDED) {
    const v = upstream.headers[h];
    if (typeof v === 'string') res.setHeader(h, v);
  }
  if (!upstream.headers['cache-control']) res.setHeader('Cache-Control', 'no-store');
  await new Promise<void>((resolve) => {
    upstream.body.on('error', () => res.destroy());
    upstream.body.on('close', resolve);
    res.on('close', () => {
      upstream.body.destroy();
      resolve();
    });
    upstream.body.pipe(res);
  });
}

import http from 'node:http';
import https from 'node:https';
import { PanoError } from '../../playlists/errors.ts';

export interface GetOptions {
  headers?: Record<string, string>;
  /** Abort when no byte arrives for this long (connect, headers, or body). */
  idleTimeoutMs: number;
  signal?: AbortSignal;
  method?: 'GET' | 'POST';
  body?: Uint8Array | string;
}

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body stream; the caller consumes or destroys it. */
  body: http.IncomingMessage;
  /** Local time (ms) when the headers arrived, for clock-skew estimates. */
  receivedAt: number;
  sentAt: number;
}

/**
 * One HTTP request with node:http (not fetch): we need the raw stream for
 * streaming hashes, exact control of Range headers, and an idle timeout that
 * also covers a trickling body.
 */
export function request(url: string | URL, opts: GetOptions, now: () => number = Date.now): Promise<Response> {
  const u = typeof url === 'string' ? new URL(url) : url;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return Promise.reject(new PanoError('NETWORK', `unsupported URL scheme ${u.protocol}`));
  }
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const sentAt = now();
    const req = lib.request(u, { method: opts.method ?? 'GET', headers: opts.headers, signal: opts.signal }, (res) => {
      // The idle timer keeps running over the body: a stalled trickle aborts.
      res.setTimeout(opts.idleTimeoutMs, () => res.destroy(new PanoError('NETWORK', `no data from ${u.host} for ${opts.idleTimeoutMs} ms`)));
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, receivedAt: now(), sentAt });
    });
    req.setTimeout(opts.idleTimeoutMs, () => req.destroy(new PanoError('NETWORK', `no answer from ${u.host} within ${opts.idleTimeoutMs} ms`)));
    req.on('error', (error) => reject(error instanceof PanoError ? error : new PanoError('NETWORK', `${u.host}: ${error.message}`)));
    if (opts.body !== undefined) req.end(opts.body);
    else req.end();
  });
}

/** Reads a whole body, refusing more than `maxBytes` (TOO_LARGE) before buffering it. */
export async function readCapped(res: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    res.body.destroy();
    throw new PanoError('TOO_LARGE', `${what} is ${declared} bytes; the cap is ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of res.body as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) {
        res.body.destroy();
        throw new PanoError('TOO_LARGE', `${what} exceeds the cap of ${maxBytes} bytes`);
      }
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof PanoError) throw error;
    throw new PanoError('NETWORK', `${what}: ${(error as Error).message}`);
  }
  return Buffer.concat(chunks);
}

/** Drains and discards a body so the socket can be reused. */
export function discard(res: Response): void {
  res.body.resume();
}

/** JSON POST with a bounded answer; returns status and body text. */
export async function postJson(
  url: string | URL,
  body: unknown,
  opts: { token?: string; idleTimeoutMs: number; now?: () => number; contentType?: string; raw?: Uint8Array },
): Promise<{ status: number; text: string; res: Response }> {
  const payload = opts.raw ?? JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': opts.contentType ?? 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await request(url, { method: 'POST', headers, body: payload, idleTimeoutMs: opts.idleTimeoutMs }, opts.now);
  const bytes = await readCapped(res, 1024 * 1024, `answer from ${String(url)}`);
  return { status: res.status, text: Buffer.from(bytes).toString('utf8'), res };
}

import type http from 'node:http';
import { z } from 'zod';
import { isPanoError } from '../../playlists/errors.ts';
import { parseJson } from '../../playlists/parse.ts';
import { Sha256Hex } from '../../playlists/schemas/common.ts';
import type { PlayerState } from '../../playlists/schemas/local-api.ts';
import { Id } from '../../playlists/schemas/common.ts';
import { RendererEvent } from '../../playlists/schemas/reports.ts';
import type { PagePost } from '../report/page-events.ts';
import { COOKIE, authorized, hostAllowed, sameSecret } from './auth.ts';
import { sendBundle, sendFile, type Integrity } from './files.ts';
import { baseHeaders, sendJson, sendText } from './headers.ts';
import { liveTarget, proxyLive } from './live-proxy.ts';
import { localApiUrl, openApiSocket, type ApiSocket } from './socket.ts';

/** What the local API asks of the core. */
export interface ApiBackend {
  state(): PlayerState;
  onState(fn: (state: PlayerState) => void): () => void;
  /** A verified cached file for /media/<sha256>[/<path>], or null (404); `integrity` guards the bytes as they are sent. */
  media(sha256: string, path: string | undefined): Promise<{ file: string; type: string; integrity?: Integrity } | null>;
  /** Origins of live HLS streams in the current playlist: the only ones /live/ reaches. */
  liveOrigins(): string[];
  /** A page's batch (empty: it says it is alive), with who sent it. */
  events(events: RendererEvent[], from: PagePost): Promise<void>;
}

export interface LocalApi {
  readonly port: number;
  url(display: string): string;
  stop(): Promise<void>;
}

const EventsBody = z.union([RendererEvent, z.array(RendererEvent).max(500)]);
/** `?display=<id>&held=<n>`: which page posts, and how many events it still holds (the batch included). */
const EventsQuery = z.strictObject({ display: Id.optional(), held: z.coerce.number().int().min(0).max(10_000_000).default(0) });
const MAX_EVENT_BYTES = 512 * 1024;

/**
 * The renderer's only door into the core: 127.0.0.1, token, Host check, no
 * CORS. Routes are listed in playlists/schemas/local-api.ts.
 */
export async function startLocalApi(opts: { port: number; token: string; rendererDir: string; backend: ApiBackend; socket?: ApiSocket; portFile?: string }): Promise<LocalApi> {
  const { token, backend } = opts;
  const streams = new Set<http.ServerResponse>();
  // Bound already when the shell had to start on this URL before the core was loaded.
  const socket = opts.socket ?? (await openApiSocket(opts.port, opts.portFile));
  const { port } = socket;

  socket.attach((req, res) => {
    baseHeaders(res);
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendText(res, 500, isPanoError(error) ? error.toLine() : 'internal error');
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!hostAllowed(req, port)) return sendText(res, 421, 'wrong Host');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const method = req.method ?? 'GET';

    if (method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!sameSecret(url.searchParams.get('token') ?? undefined, token)) return sendText(res, 401, 'bad token');
      const display = url.searchParams.get('display') ?? '';
      res.statusCode = 302;
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      res.setHeader('Location', display ? `/?display=${encodeURIComponent(display)}` : '/');
      res.setHeader('Cache-Control', 'no-store');
      res.end();
      return;
    }
    if (!authorized(req, token)) return sendText(res, 401, 'unauthorized: open the URL with ?token= first');

    if (url.pathname === '/api/state' && method === 'GET') return sendJson(res, 200, backend.state());
    if (url.pathname === '/api/state/stream' && method === 'GET') return stream(req, res);
    if (url.pathname === '/api/events') {
      if (method !== 'POST') return sendText(res, 405, 'POST only');
      return events(req, res, url.searchParams);
    }
    if (url.pathname.startsWith('/media/')) {
      if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'GET only');
      return media(req, res, url.pathname.slice('/media/'.length));
    }
    if (url.pathname.startsWith('/live/')) {
      if (method !== 'GET') return sendText(res, 405, 'GET only');
      return proxyLive(req, res, liveTarget(url.pathname.slice('/live/'.length), url.search), backend.liveOrigins());
    }
    if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'GET only');
    return sendBundle(req, res, opts.rendererDir, url.pathname);
  }

  async function media(req: http.IncomingMessage, res: http.ServerResponse, rest: string): Promise<void> {
    const slash = rest.indexOf('/');
    const sha = slash === -1 ? rest : rest.slice(0, slash);
    let path: string | undefined;
    try {
      path = slash === -1 ? undefined : decodeURIComponent(rest.slice(slash + 1));
    } catch {
      return sendText(res, 400, 'bad path');
    }
    if (!Sha256Hex.safeParse(sha).success) return sendText(res, 404, 'not found');
    const found = await backend.media(sha, path);
    if (!found) return sendText(res, 404, 'not in the cache');
    // Content-addressed: the bytes behind a hash never change.
    await sendFile(req, res, found.file, found.type, 'private, max-age=31536000, immutable', found.integrity);
  }

  function stream(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    const send = (state: PlayerState) => res.write(`event: state\ndata: ${JSON.stringify(state)}\n\n`);
    send(backend.state());
    const off = backend.onState(send);
    // A comment every 15 s keeps proxies and idle timers from closing the stream.
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    ping.unref();
    streams.add(res);
    req.on('close', () => {
      off();
      clearInterval(ping);
      streams.delete(res);
    });
  }

  async function events(req: http.IncomingMessage, res: http.ServerResponse, query: URLSearchParams): Promise<void> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendText(res, 415, 'send application/json');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_EVENT_BYTES) return sendText(res, 413, 'too large');
      chunks.push(chunk);
    }
    let parsed: z.infer<typeof EventsBody>;
    try {
      parsed = parseJson(EventsBody, Buffer.concat(chunks).toString('utf8'), 'renderer events');
    } catch (error) {
      return sendJson(res, 400, { code: isPanoError(error) ? error.code : 'MALFORMED', message: (error as Error).message });
    }
    const from = EventsQuery.safeParse(Object.fromEntries(query));
    await backend.events(Array.isArray(parsed) ? parsed : [parsed], from.success ? from.data : { held: 0 });
    sendJson(res, 202, { accepted: Array.isArray(parsed) ? parsed.length : 1 });
  }

  return {
    port,
    url: (display) => localApiUrl(port, token, display),
    stop: async () => {
      for (const s of streams) s.end();
      await socket.close();
    },
  };
}

/**
 * The screen's network: every request of the player to its hub goes through
 * this reverse proxy, which the soak turns into the faults of a real network
 * and a hostile origin: a cut (connections refused and open ones dropped), a
 * truncated download, and a playlist served in place of the hub's own
 * (tampered, rolled back, expired).
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FaultProxy {
  url: string;
  /** Network cut: refuse everything, drop what is open. */
  cut(on: boolean): void;
  /** The next media download is cut off halfway through its body. */
  truncateNextMedia(): void;
  /** Serve this envelope for the screen's playlist feed instead of the hub's (null: the hub's again). */
  overridePlaylist(envelope: string | null): void;
  /** Every distinct playlist envelope the hub sent, oldest first (a rollback replays one). */
  playlists(): readonly string[];
  readonly counts: { refused: number; truncated: number; overridden: number };
  stop(): Promise<void>;
}

/** `now`: the hub's clock, for the Date header of a playlist served in its place. */
export async function startFaultProxy(target: string, now: () => number): Promise<FaultProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const counts = { refused: 0, truncated: 0, overridden: 0 };
  let isCut = false;
  let truncate = false;
  let override: string | null = null;
  const seen: string[] = [];

  const server = http.createServer((req, res) => {
    if (isCut) {
      counts.refused++;
      req.socket.destroy();
      return;
    }
    const path = req.url ?? '/';
    const feed = req.method === 'GET' && /^\/feed\/(?!root\/)[^/]+\.json/.test(path);
    if (feed && override !== null) {
      counts.overridden++;
      res.writeHead(200, { 'content-type': 'application/json', etag: `"soak-${counts.overridden}"`, 'cache-control': 'no-cache', date: new Date(now()).toUTCString() });
      res.end(override);
      return;
    }
    const cutShort = truncate && req.method === 'GET' && path.startsWith('/media/');
    if (cutShort) truncate = false;
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path, headers: req.headers },
      (up) => {
        const length = Number(up.headers['content-length'] ?? NaN);
        res.writeHead(up.statusCode ?? 502, up.headers);
        if (cutShort && up.statusCode === 200 && length > 1) {
          counts.truncated++;
          let sent = 0;
          up.on('data', (chunk: Buffer) => {
            const room = Math.floor(length / 2) - sent;
            if (room <= 0) return;
            res.write(chunk.subarray(0, room));
            sent += Math.min(room, chunk.length);
            if (sent >= Math.floor(length / 2)) {
              up.destroy();
              res.destroy();
            }
          });
          return;
        }
        if (feed && up.statusCode === 200) {
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () => {
            const body = Buffer.concat(chunks);
            const text = body.toString('utf8');
            if (!seen.includes(text)) seen.push(text);
            if (seen.length > 200) seen.shift();
            res.end(body);
          });
          return;
        }
        up.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    res.on('close', () => out.destroy());
    req.pipe(out);
  });
  server.on('connection', (s: Socket) => {
    if (isCut) {
      counts.refused++;
      s.destroy();
      return;
    }
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    cut(on) {
      isCut = on;
      if (on) for (const s of sockets) s.destroy();
    },
    truncateNextMedia: () => void (truncate = true),
    overridePlaylist: (envelope) => void (override = envelope),
    playlists: () => seen,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The local API's listening socket, which can be opened before the core is
 * even loaded: `pano player` binds it first thing, so Chromium (about a second
 * to its first request) starts on the final URL while Node is still loading and
 * starting the core. A request that arrives before the core attaches its
 * handler waits for it instead of failing.
 */
export interface ApiSocket {
  readonly server: http.Server;
  readonly port: number;
  /** Serves with this handler from now on, starting with any request that is waiting. */
  attach(handler: http.RequestListener): void;
  /** Closes a socket no core took over (start-up failed). */
  close(): Promise<void>;
}

export async function openApiSocket(port: number): Promise<ApiSocket> {
  let handler: http.RequestListener | null = null;
  const waiting: [http.IncomingMessage, http.ServerResponse][] = [];
  const server = http.createServer((req, res) => (handler ? handler(req, res) : waiting.push([req, res])));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    attach(next) {
      handler = next;
      for (const [req, res] of waiting.splice(0)) next(req, res);
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A display's first URL: the token sets the cookie, then the page is `/?display=<id>`. */
export function localApiUrl(port: number, token: string, display: string): string {
  return `http://127.0.0.1:${port}/?token=${token}&display=${encodeURIComponent(display)}`;
}

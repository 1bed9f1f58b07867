import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileAtomic } from '../util/fs-atomic.ts';

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

/** Where a player's data folder remembers its local API port. */
export const API_PORT_FILE = 'api-port';

/**
 * Binds 127.0.0.1:`port`. With port 0 and a `portFile`, the port of the last
 * run is taken again when it is free (and remembered when it is new): the
 * page's origin then stays the same across restarts, and with it what the
 * page keeps in IndexedDB (its unsent play events) and localStorage.
 */
export async function openApiSocket(port: number, portFile?: string): Promise<ApiSocket> {
  let handler: http.RequestListener | null = null;
  const waiting: [http.IncomingMessage, http.ServerResponse][] = [];
  const server = http.createServer((req, res) => (handler ? handler(req, res) : waiting.push([req, res])));
  const listen = (p: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const remembered = port === 0 && portFile ? Number((await readFile(portFile, 'utf8').catch(() => '')).trim()) : 0;
  if (Number.isInteger(remembered) && remembered > 0 && remembered < 65_536) await listen(remembered).catch(() => listen(0));
  else await listen(port);
  const bound = (server.address() as AddressInfo).port;
  if (portFile && port === 0 && bound !== remembered) await writeFileAtomic(portFile, `${bound}\n`).catch(() => undefined);
  return {
    server,
    port: bound,
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

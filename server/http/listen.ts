import type { Server } from 'node:http';

/** The hub could not take its address: the port is busy, or not ours to take. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  readonly code: string;
  readonly port: number;
  readonly host: string;

  constructor(code: string, port: number, host: string) {
    const why =
      code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use (another hub, or another program); stop it or choose another port with --port`
      : code === 'EACCES' ? `not allowed to listen on port ${port} on ${host}; choose a port above 1023 with --port`
      : code === 'EADDRNOTAVAIL' ? `${host} is not an address of this machine; check --host`
      : `cannot listen on ${host}:${port} (${code})`;
    super(why);
    this.code = code;
    this.port = port;
    this.host = host;
  }
}

/**
 * server.listen() as a promise that also rejects: a busy port emits 'error'
 * and never calls back, which left `await` hanging until Node gave up with
 * "Detected unsettled top-level await".
 */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      server.off('listening', listening);
      reject(new ListenError(error.code ?? 'UNKNOWN', port, host));
    };
    const listening = () => {
      server.off('error', failed);
      resolve();
    };
    server.once('error', failed);
    server.once('listening', listening);
    server.listen(port, host);
  });
}

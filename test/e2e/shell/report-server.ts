import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Command } from '../../../playlists/schemas/device-api.ts';

/**
 * A minimal report endpoint on loopback: acknowledges plays, events and
 * heartbeats, hands out queued commands in the heartbeat answer (as the hub
 * does), and collects command results, screenshots included.
 */
export interface ReportServer {
  url: string;
  queue(command: { id: string; name: Command['name'] }): void;
  /** Resolves with the body the player posted for a command. */
  result(id: string): Promise<{ type: string; body: Buffer }>;
  close(): Promise<void>;
}

export async function startReportServer(): Promise<ReportServer> {
  const queued: Array<{ id: string; name: string; issuedAt: string }> = [];
  const results = new Map<string, { type: string; body: Buffer }>();
  const waiters = new Map<string, (r: { type: string; body: Buffer }) => void>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const json = (value: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (path.endsWith('/heartbeat')) return json({ serverTime: new Date().toISOString(), commands: queued.splice(0) });
      if (path.endsWith('/plays')) return json({ accepted: JSON.parse(body.toString()).records.map((r: { id: string }) => r.id) });
      if (path.endsWith('/events')) return json({ accepted: JSON.parse(body.toString()).events.map((e: { id: string }) => e.id) });
      const command = /\/commands\/([A-Za-z0-9-]+)$/.exec(path);
      if (command) {
        const result = { type: String(req.headers['content-type']), body };
        results.set(command[1]!, result);
        waiters.get(command[1]!)?.(result);
        return json({ ok: true });
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/report`,
    queue: (command) => void queued.push({ ...command, issuedAt: new Date().toISOString() }),
    result: (id) => {
      const done = results.get(id);
      return done ? Promise.resolve(done) : new Promise((resolve) => waiters.set(id, resolve));
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

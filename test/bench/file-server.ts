/**
 * `node test/bench/file-server.ts FILE`: serves FILE at any path on a free
 * loopback port and prints the port. The download bench runs its origin in
 * this separate process, as a real CDN or hub is: sharing the player's event
 * loop would charge the server's work to the player (and not to curl).
 */
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const file = process.argv[2];
if (!file) throw new Error('usage: file-server.ts FILE');
const size = statSync(file).size;
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-length': size, etag: '"big"' });
  createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(res);
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

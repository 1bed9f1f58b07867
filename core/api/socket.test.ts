import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localApiUrl, openApiSocket } from './socket.ts';

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('the local API socket bound before the core', () => {
  it('holds a request that comes before a handler is attached, then serves it with that handler', async () => {
    const socket = await openApiSocket(0);
    expect(socket.port).toBeGreaterThan(0);
    const arrived = new Promise<void>((resolve) => socket.server.once('request', () => resolve()));
    const early = get(socket.port, '/early');
    await arrived; // the request is in, and nothing can answer it yet
    let answered = false;
    void early.then(() => (answered = true));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    socket.attach((req, res) => res.end(`served ${req.url}`));
    expect(await early).toEqual({ status: 200, body: 'served /early' });
    expect(await get(socket.port, '/later')).toEqual({ status: 200, body: 'served /later' });
    await socket.close();
    await expect(get(socket.port, '/closed')).rejects.toThrow(/ECONNREFUSED/);
  });

  it('builds the display URL the shell opens', () => {
    expect(localApiUrl(4321, 'ab'.repeat(32), 'side door')).toBe(`http://127.0.0.1:4321/?token=${'ab'.repeat(32)}&display=side%20door`);
  });
});

describe('the port across restarts', () => {
  it('takes the port of the last run again, so the page keeps its origin (and its IndexedDB); another when that one is taken', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pano-port-'));
    try {
      const file = join(dir, 'api-port');
      const first = await openApiSocket(0, file);
      await first.close();
      const again = await openApiSocket(0, file);
      expect(again.port).toBe(first.port);
      // Someone else holds it now: a free port is taken, and remembered.
      const third = await openApiSocket(0, file);
      expect(third.port).not.toBe(first.port);
      expect(Number(await readFile(file, 'utf8'))).toBe(third.port);
      await again.close();
      await third.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

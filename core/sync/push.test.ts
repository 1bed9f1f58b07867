import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOrigin, type Origin } from '../../test/fixtures/core-origin.ts';
import { publish, publisher, rootKey, startPlayer, tempDir, waitState, type Started } from '../../test/fixtures/core-harness.ts';
import { rootEnvelope } from '../../test/fixtures/core-signing.ts';
import { createPlayerCore } from '../index.ts';
import { systemClock, type Clock } from '../util/clock.ts';
import { SseParser } from './push.ts';

let origin: Origin;
let server: http.Server;
let base = '';
const streams: http.ServerResponse[] = [];
let hubRequests: http.IncomingMessage[] = [];
let pairPolls = 0;

beforeEach(async () => {
  origin = await startOrigin();
  hubRequests = [];
  pairPolls = 0;
  // A minimal hub: push stream and pairing, the routes of playlists/schemas/device-api.ts.
  server = http.createServer((req, res) => {
    hubRequests.push(req);
    const json = (v: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(v));
    };
    if (req.url === '/push') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': hello\n\n');
      streams.push(res);
      return;
    }
    if (req.url === '/api/pair' && req.method === 'POST') {
      return json({ pairingId: 'pairing-0123456789abcdef', code: '7K3-Q9P', url: `${base}/pair?code=7K3-Q9P`, expiresAt: '2099-01-01T00:00:00Z' });
    }
    if (req.url === '/api/pair/pairing-0123456789abcdef') {
      // Waiting first, paired on the second poll.
      if (pairPolls++ === 0) return json({ status: 'waiting', expiresAt: '2099-01-01T00:00:00Z' });
      return json({
        status: 'paired',
        deviceId: 'ignored',
        token: 't'.repeat(40),
        playlistUrl: `${origin.url}/c/playlist.json`,
        reportUrl: `${base}/report`,
        pushUrl: `${base}/push`,
        root: rootEnvelope(1, [rootKey], [publisher]),
        timeZone: 'Asia/Bangkok',
        tags: ['airport', 'city:hcm'],
      });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  for (const s of streams.splice(0)) s.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await origin.close();
});

describe('push stream', () => {
  it('parses SSE framing', () => {
    const got: { event: string; data: string }[] = [];
    const p = new SseParser();
    p.push('event: playlist\r\ndata: {"a"', (e) => got.push(e));
    p.push(':1}\r\n\r\n: comment\n\ndata: x\ndata: y\n\n', (e) => got.push(e));
    expect(got).toEqual([
      { event: 'playlist', data: '{"a":1}' },
      { event: 'message', data: 'x\ny' },
    ]);
  });

  it('fetches at once on a playlist event and runs pushed commands', async () => {
    publish(origin, { version: 1 });
    const p: Started = await startPlayer(origin, { pushUrl: `${base}/push` });
    try {
      await waitState(p.core, (s) => s.playlist?.version === 1);
      while (streams.length === 0) await new Promise((r) => server.once('request', r));
      publish(origin, { version: 2 });
      streams[0]!.write('event: playlist\ndata: {"channel":"lobby","version":2}\n\n');
      await waitState(p.core, (s) => s.playlist?.version === 2);
      streams[0]!.write('event: command\ndata: {"id":"cmd-12345678","name":"reload","issuedAt":"2026-11-20T08:00:00Z"}\n\n');
      await waitState(p.core, (s) => s.reloadToken === 1);
    } finally {
      await p.cleanup();
    }
  });

  it('reconnects after the stream drops and fetches at once, catching a playlist whose event was lost', async () => {
    publish(origin, { version: 1 });
    // Timers run 50× faster (the 2 s reconnect backoff takes 40 ms); the hourly poll (72 s then) cannot be what fetches v2.
    const clock: Clock = { ...systemClock, setTimeout: (fn, ms) => systemClock.setTimeout(fn, ms / 50) };
    const p: Started = await startPlayer(origin, { pushUrl: `${base}/push` }, { clock });
    try {
      await waitState(p.core, (s) => s.playlist?.version === 1);
      while (streams.length === 0) await new Promise((r) => server.once('request', r));
      const polls = origin.requests('/c/playlist.json');
      // Published while the stream is going down: its event never reaches the player.
      publish(origin, { version: 2 });
      const reconnected = new Promise<void>((r) => server.on('request', (req: http.IncomingMessage) => req.url === '/push' && r()));
      streams[0]!.destroy();
      await reconnected;
      await waitState(p.core, (s) => s.playlist?.version === 2);
      expect(origin.requests('/c/playlist.json')).toBe(polls + 1);
      expect(hubRequests.filter((r) => r.url === '/push')).toHaveLength(2);
    } finally {
      await p.cleanup();
    }
  });
});

describe('pairing', () => {
  it('shows a code, stores the credentials, then syncs with the device token', async () => {
    publish(origin, { version: 3 });
    const dir = await tempDir();
    const core = createPlayerCore({ dataDir: dir.dir, hubUrl: base, apiPort: 0, pairingPollMs: 10, pollIntervalMs: 3_600_000, heartbeatIntervalMs: 3_600_000 });
    try {
      const pairing = waitState(core, (s) => s.phase === 'pairing');
      await core.start();
      expect((await pairing).pairing).toMatchObject({ code: '7K3-Q9P' });
      const ready = await waitState(core, (s) => s.phase === 'ready');
      expect(ready.playlist?.version).toBe(3);
      expect(ready.timeZone).toBe('Asia/Bangkok');
      const saved = JSON.parse(await readFile(join(dir.dir, 'config.json'), 'utf8'));
      // Tags set by the operator at pairing decide which playlists address this screen.
      expect(saved).toMatchObject({ deviceToken: 't'.repeat(40), playlistUrl: `${origin.url}/c/playlist.json`, tags: ['airport', 'city:hcm'] });
      // The paired playlist URL counts as one of the hub's own origins: the token goes there.
      const playlistGet = origin.log.find((l) => l.path === '/c/playlist.json')!;
      expect(playlistGet.headers.authorization).toBe(`Bearer ${'t'.repeat(40)}`);
      // The pairing calls themselves carry no token (there is none yet).
      expect(hubRequests.find((r) => r.url === '/api/pair')?.headers.authorization).toBeUndefined();
    } finally {
      await core.stop();
      await dir.cleanup();
    }
  });
});

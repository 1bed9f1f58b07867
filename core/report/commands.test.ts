import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { headlessPorts, type ShellPorts } from '../ports.ts';
import { CommandRunner } from './commands.ts';

let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** A hub's command endpoint answering each POST with the next status of `statuses`; returns the ids it was sent. */
async function hub(statuses: number[]): Promise<{ url: string; posted: string[] }> {
  const posted: string[] = [];
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posted.push(req.url!.split('/').pop()!);
      res.writeHead(statuses.shift() ?? 200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/devices/d1`, posted };
}

function runner(reportUrl: string): { runner: CommandRunner; reloads: () => number } {
  let reloads = 0;
  const r = new CommandRunner({
    ports: headlessPorts,
    reportUrl,
    token: () => 'token',
    idleTimeoutMs: 2_000,
    reload: () => Promise.resolve(void reloads++),
    reverify: () => Promise.resolve('ok'),
    deviceLog: { tail: () => Promise.resolve('') },
    wake: () => Promise.resolve('on'),
    log: () => {},
  });
  return { runner: r, reloads: () => reloads };
}

const cmd = { id: 'c1', name: 'reload' as const, issuedAt: '2026-12-04T05:00:00.000Z' };

describe('CommandRunner', () => {
  it('runs a command once when the hub took its answer, however often it is sent', async () => {
    const h = await hub([200]);
    const { runner: r, reloads } = runner(h.url);
    await r.run(cmd);
    await r.run(cmd);
    expect(reloads()).toBe(1);
    expect(h.posted).toEqual(['c1']);
  });

  it('runs it again when the hub sends it again after its answer failed (5xx), until one gets through', async () => {
    const h = await hub([503, 200]);
    const { runner: r, reloads } = runner(h.url);
    await r.run(cmd);
    await r.run(cmd);
    await r.run(cmd);
    expect(reloads()).toBe(2);
    expect(h.posted).toEqual(['c1', 'c1']);
  });

  it('forgets a command whose answer found no hub, so its resend runs', async () => {
    const h = await hub([]);
    await new Promise<void>((r) => server!.close(() => r()));
    server = undefined;
    const { runner: r, reloads } = runner(h.url);
    await r.run(cmd);
    await r.run(cmd);
    expect(reloads()).toBe(2);
  });

  it('does not run it again after a refusal (4xx): the hub has no such command', async () => {
    const h = await hub([404]);
    const { runner: r, reloads } = runner(h.url);
    await r.run(cmd);
    await r.run(cmd);
    expect(reloads()).toBe(1);
  });
});

describe('CommandRunner: screenshots per display, log pulls', () => {
  /** A hub that keeps what each POST carried: its path and query, content type and body. */
  async function recordingHub(): Promise<{ url: string; got: { path: string; type: string; body: Buffer }[] }> {
    const got: { path: string; type: string; body: Buffer }[] = [];
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({ path: req.url!.replace(/^.*\/commands\//, ''), type: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/api/devices/d1`, got };
  }

  const ports = (fail: string | null): ShellPorts => ({
    ...headlessPorts,
    kind: 'chromium',
    displays: () => Promise.resolve(['main', 'lobby', 'kiosk'].map((id) => ({ id, width: 4, height: 4, orientation: 'landscape' as const }))),
    screenshot: (display) => (display === fail ? Promise.reject(new Error('grab failed')) : Promise.resolve(new TextEncoder().encode(`png of ${display}`))),
  });

  it('posts one PNG per display, named and timed, then a result naming the display that failed', async () => {
    const h = await recordingHub();
    const r = new CommandRunner({ ports: ports('kiosk'), reportUrl: h.url, token: () => 't', idleTimeoutMs: 2_000, reload: async () => {}, reverify: async () => '', deviceLog: { tail: async () => '' }, wake: async () => 'on', log: () => {} });
    await r.run({ id: 'shot-0001', name: 'screenshot', issuedAt: '2026-12-04T05:00:00.000Z' });
    expect(h.got.map((g) => [g.path.replace(/takenAt=[^&]+/, 'takenAt=T'), g.type, g.body.toString()])).toEqual([
      ['shot-0001?display=main&takenAt=T', 'image/png', 'png of main'],
      ['shot-0001?display=lobby&takenAt=T', 'image/png', 'png of lobby'],
      ['shot-0001', 'application/json', JSON.stringify({ ok: true, message: '2 of 3 displays; kiosk: grab failed' })],
    ]);
    expect(Date.parse(decodeURIComponent(/takenAt=([^&]+)/.exec(h.got[0]!.path)![1]!))).toBeGreaterThan(Date.now() - 60_000);
  });

  it('answers a log pull with the tail in the bounds it was sent (defaults when none)', async () => {
    const h = await recordingHub();
    const asked: unknown[] = [];
    const r = new CommandRunner({
      ports: headlessPorts, reportUrl: h.url, token: () => 't', idleTimeoutMs: 2_000, reload: async () => {}, reverify: async () => '', wake: async () => 'on', log: () => {},
      deviceLog: { tail: async (b) => (asked.push(b), 'màn hình\n') },
    });
    await r.run({ id: 'log-00001', name: 'log', issuedAt: '2026-12-04T05:00:00.000Z', log: { lines: 7, maxBytes: 100 } });
    await r.run({ id: 'log-00002', name: 'log', issuedAt: '2026-12-04T05:00:00.000Z' });
    expect(asked).toEqual([{ lines: 7, maxBytes: 100 }, { lines: 500, maxBytes: 262_144 }]);
    expect(h.got.map((g) => [g.path, g.type, g.body.toString('utf8')])).toEqual([
      ['log-00001', 'text/plain; charset=utf-8', 'màn hình\n'],
      ['log-00002', 'text/plain; charset=utf-8', 'màn hình\n'],
    ]);
  });
});

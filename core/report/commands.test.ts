import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { headlessPorts } from '../ports.ts';
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

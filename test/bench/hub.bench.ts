import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { parseUnknown } from '../../playlists/parse.ts';
import type { Heartbeat } from '../../playlists/schemas/reports.ts';
import { median, type BenchResult } from './harness.ts';
import { PlayBatches } from './hub-plays.ts';

/**
 * Hub throughput with autocannon on loopback: heartbeats, conditional playlist
 * polls (304) and play records in batches of 100, each against a bare
 * node:http server answering 204 measured in the same run. The hub runs in its
 * own process on SQLite (the default install); 2 cores are shared with the
 * load generator.
 */

interface Child {
  info: { url: string; devices?: { id: string; token: string; seed: string }[] };
  /** CPU time the child has used so far, ms (Linux /proc; NaN elsewhere). */
  cpuMs(): number;
  stop(): Promise<void>;
}

export async function startChild(args: string[]): Promise<Child> {
  // PANO_BENCH_NODE_ARGS (e.g. --cpu-prof) profiles the hub process.
  const nodeArgs = process.env.PANO_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(import.meta.dirname, 'hub-server.ts'), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`hub-server exited with ${code}`)));
  });
  return {
    info: JSON.parse(line) as Child['info'],
    cpuMs: () => {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
      } catch {
        return Number.NaN;
      }
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

export type Measured = { rps: number; p99: number; non2xx: number; not304: number; cpuShare?: number };
type Req = { method?: string; path?: string; headers?: Record<string, string>; body?: string };

/** The part of autocannon's result the figures use (it ships no types: parsed, not trusted). */
const LoadResult = z.object({
  requests: z.object({ total: z.number() }),
  latency: z.object({ p99: z.number() }),
  /** Seconds the run lasted (shorter than asked when maxOverallRequests ran out). */
  duration: z.number().positive(),
  non2xx: z.number(),
  errors: z.number(),
  statusCodeStats: z.record(z.string(), z.object({ count: z.number() })),
});

export const CONNECTIONS = 10;

/** `slot`: which load connection asks (0 … CONNECTIONS-1), so one device's requests can stay on one connection. */
export async function load(url: string, seconds: number, setup: (req: Req, slot: number) => Req, maxOverallRequests?: number): Promise<Measured> {
  let slots = 0;
  const raw: unknown = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    ...(maxOverallRequests ? { maxOverallRequests } : {}),
    // Each connection gets its slot once, when autocannon makes its client; the placeholder request is never sent.
    requests: [{ method: 'GET', path: '/' }],
    setupClient: (client) => {
      const slot = slots++;
      client.setRequests([{ setupRequest: (req: Req) => setup(req, slot) }]);
    },
  });
  const result = parseUnknown(LoadResult, raw, 'autocannon result');
  // Completed requests over the run's own length: a run capped by maxOverallRequests ends early.
  const total = result.requests.total;
  const not304 = total - (result.statusCodeStats['304']?.count ?? 0) + result.errors;
  return { rps: total / result.duration, p99: result.latency.p99, non2xx: result.non2xx + result.errors, not304 };
}

function heartbeat(id: string): Heartbeat {
  return {
    id: randomUUID(),
    deviceId: id,
    sentAt: new Date().toISOString(),
    appVersion: 'bench',
    shell: 'none',
    uptimeSec: 100,
    timeZone: 'Asia/Ho_Chi_Minh',
    playlist: { state: 'ok', channel: 'bench', version: 1 },
    pending: null,
    rejection: null,
    nowPlaying: [{ display: 'main', zone: 'main', itemId: 'welcome', kind: 'slide', since: new Date().toISOString() }],
    cache: { ready: true, assetsReady: 3, assetsTotal: 3, bytesUsed: 1e8, bytesQuota: 1e10, freeDiskBytes: 5e10 },
    clock: { skewMs: 40, corrected: false },
    outbox: { pending: 0, bytes: 0, dropped: { heartbeats: 0, events: 0, plays: 0 }, corrupt: 0 },
    errors: [],
  };
}

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const seconds = quick ? 3 : 8;
  const reps = quick ? 1 : 3;
  const dir = mkdtempSync(join(tmpdir(), 'pano-hub-bench-'));
  const baseline = await startChild(['baseline']);
  const hub = await startChild(['hub', dir, '20']);
  try {
    const devices = hub.info.devices!;
    const etags = await Promise.all(devices.map(async (d) => (await fetch(`${hub.info.url}/feed/${d.id}.json`, { headers: { authorization: `Bearer ${d.token}` } })).headers.get('etag')!));
    const plays = new PlayBatches(devices);
    // Fresh batches for each run, enough for 50,000 records/s (over twice the best figure seen); a faster
    // hub empties the pool early and the run ends there (maxOverallRequests), so nothing is ever re-sent.
    const perDevice = Math.ceil((500 * seconds) / devices.length);
    let n = 0;
    const runs = { base: [] as Measured[], hb: [] as Measured[], polls: [] as Measured[], plays: [] as Measured[] };
    // Interleaved repetitions, so a burst of load from elsewhere on the machine hits every figure alike.
    for (let rep = 0; rep < reps; rep++) {
      runs.base.push(await load(baseline.info.url, seconds, (r) => ({ ...r, method: 'POST', path: '/', body: '{}' })));
      runs.hb.push(
        await load(hub.info.url, seconds, (r) => {
          const d = devices[n++ % devices.length]!;
          return { ...r, method: 'POST', path: `/api/devices/${d.id}/heartbeat`, headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' }, body: JSON.stringify(heartbeat(d.id)) };
        }),
      );
      runs.polls.push(
        await load(hub.info.url, seconds, (r) => {
          const i = n++ % devices.length;
          return { ...r, method: 'GET', path: `/feed/${devices[i]!.id}.json`, headers: { authorization: `Bearer ${devices[i]!.token}`, 'if-none-match': etags[i]! } };
        }),
      );
      const pool = plays.refill(perDevice);
      const cpu0 = hub.cpuMs();
      const t0 = Date.now();
      const measured = await load(
        hub.info.url,
        seconds,
        (r, slot) => {
          const { deviceIndex, body } = plays.next(slot, CONNECTIONS);
          const d = devices[deviceIndex]!;
          return { ...r, method: 'POST', path: `/api/devices/${d.id}/plays`, headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' }, body };
        },
        pool,
      );
      plays.check();
      // On a shared machine the hub may get a fraction of a core: record how much it had.
      runs.plays.push({ ...measured, cpuShare: (hub.cpuMs() - cpu0) / (Date.now() - t0) });
    }
    for (const [name, list] of [['heartbeats', runs.hb], ['play batches', runs.plays]] as const) {
      const bad = list.reduce((s, r) => s + r.non2xx, 0);
      if (bad) throw new Error(`${name}: ${bad} non-2xx answers or socket errors`);
    }
    // A poll figure counts only answers that were 304: a 200 (or a 401) is other work.
    const not304 = runs.polls.reduce((s, r) => s + r.not304, 0);
    const m = (list: Measured[], key: 'rps' | 'p99') => median(list.map((r) => r[key]));
    const base = m(runs.base, 'rps');
    const baselineRef = { name: 'bare node:http 204', value: base };
    const hb = m(runs.hb, 'rps');
    const hbP99 = m(runs.hb, 'p99');
    const polls = m(runs.polls, 'rps');
    const records = m(runs.plays, 'rps') * 100;
    return [
      { area: 'hub', name: 'heartbeats/s (SQLite)', value: hb, unit: 'req/s', baseline: baselineRef, target: '≥ 2,000/s', pass: hb >= 2000 },
      { area: 'hub', name: 'heartbeat p99 latency', value: hbP99, unit: 'ms', baseline: { name: 'bare node:http 204 p99', value: m(runs.base, 'p99') }, target: '< 50 ms', pass: hbP99 < 50 },
      { area: 'hub', name: 'conditional playlist polls answered 304', value: polls, unit: 'req/s', baseline: baselineRef, target: '≥ 5,000/s, every answer 304', pass: polls >= 5000 && not304 === 0 },
      { area: 'hub', name: 'poll answers that were not 304 (any other status or socket error)', value: not304, unit: 'answers', target: '0', pass: not304 === 0 },
      { area: 'hub', name: 'play records ingested (batches of 100)', value: records, unit: 'records/s', baseline: { name: 'bare node:http 204, × 100', value: base * 100 }, target: '≥ 20,000/s', pass: records >= 20_000 },
      { area: 'hub', name: 'play batch p99 latency', value: m(runs.plays, 'p99'), unit: 'ms' },
      { area: 'hub', name: 'play records per hub CPU-second (records/s ÷ CPU share the hub got)', value: median(runs.plays.map((r) => (r.rps * 100) / (r.cpuShare ?? Number.NaN))), unit: 'records/CPU-s' },
    ];
  } finally {
    await hub.stop();
    await baseline.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

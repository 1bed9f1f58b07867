import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResult } from './harness.ts';
import { CONNECTIONS, load, startChild } from './hub.bench.ts';
import { PlayBatches } from './hub-plays.ts';

/**
 * The SQLite WAL under sustained writes: play records (signed batches of 100,
 * over HTTP, autocannon's 10 connections, no pause) into a hub in its own
 * process, first with the checkpoint policy before issue 17 (PASSIVE only,
 * the baseline), then with today's (checkpointer.ts). The WAL file's size is
 * sampled every 100 ms; the records the hub stored are counted afterwards.
 * `npm run bench -- hub-wal` does 2 million records per policy (25 minutes on
 * the loaded shared machine, and 12 GB of disk for the baseline's WAL);
 * --quick does 200,000.
 */

const SAMPLE_MS = 100;

interface Run {
  recordsPerSecond: number;
  walMaxBytes: number;
  walFinalBytes: number;
  stored: number;
}

async function ingest(policy: 'passive-only' | 'bounded', records: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), `pano-wal-bench-${policy}-`));
  const hub = await startChild(['hub', dir, '20', policy]);
  const wal = join(dir, 'hub.sqlite-wal');
  const walSize = () => (existsSync(wal) ? statSync(wal).size : 0);
  let walMaxBytes = 0;
  const sampler = setInterval(() => (walMaxBytes = Math.max(walMaxBytes, walSize())), SAMPLE_MS);
  try {
    const started = Date.now();
    const load1 = loadavg()[0]!;
    const devices = hub.info.devices!;
    const plays = new PlayBatches(devices);
    const batches = records / 100;
    // The duration is only a cap: the run ends when `batches` requests have been answered.
    const measured = await load(
      hub.info.url,
      3_600,
      (r, slot) => {
        const { deviceIndex, body } = plays.make(slot, CONNECTIONS);
        const d = devices[deviceIndex]!;
        return { ...r, method: 'POST', path: `/api/devices/${d.id}/plays`, headers: { authorization: `Bearer ${d.token}`, 'content-type': 'application/json' }, body };
      },
      batches,
    );
    clearInterval(sampler);
    // The machine is shared: say how loaded it was, since that moves the rate more than anything measured here.
    console.log(`  (${policy}: ${records.toLocaleString('en')} records in ${((Date.now() - started) / 1000).toFixed(0)} s, load average ${load1.toFixed(1)} → ${loadavg()[0]!.toFixed(1)})`);
    walMaxBytes = Math.max(walMaxBytes, walSize());
    const walFinalBytes = walSize();
    if (measured.non2xx) throw new Error(`${policy}: ${measured.non2xx} non-2xx answers or socket errors`);
    const reader = new DatabaseSync(join(dir, 'hub.sqlite'), { readOnly: true });
    const stored = (reader.prepare('SELECT COUNT(*) AS n FROM plays').get() as { n: number }).n;
    reader.close();
    return { recordsPerSecond: measured.rps * 100, walMaxBytes, walFinalBytes, stored };
  } finally {
    clearInterval(sampler);
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const records = quick ? 200_000 : 2_000_000;
  const before = await ingest('passive-only', records);
  const after = await ingest('bounded', records);
  for (const [name, r] of [['passive-only', before], ['bounded', after]] as const) {
    if (r.stored < records) throw new Error(`${name}: the hub stored ${r.stored} of ${records} records`);
  }
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const label = `${records.toLocaleString('en')} play records`;
  const limit = 64 * 2;
  return [
    { area: 'hub-wal', name: `WAL max size over ${label}`, value: mb(after.walMaxBytes), unit: 'MiB', baseline: { name: 'PASSIVE-only checkpoints (before)', value: mb(before.walMaxBytes) }, target: `≤ ${limit} MiB (twice the 64 MiB limit)`, pass: mb(after.walMaxBytes) <= limit },
    { area: 'hub-wal', name: `WAL size after ${label}`, value: mb(after.walFinalBytes), unit: 'MiB', baseline: { name: 'PASSIVE-only checkpoints (before)', value: mb(before.walFinalBytes) } },
    { area: 'hub-wal', name: `play records ingested, sustained (${label})`, value: after.recordsPerSecond, unit: 'records/s', baseline: { name: 'PASSIVE-only checkpoints (before)', value: before.recordsPerSecond }, target: '≥ 0.9× before', pass: after.recordsPerSecond >= 0.9 * before.recordsPerSecond },
    { area: 'hub-wal', name: 'records stored (each policy)', value: after.stored, unit: 'records', baseline: { name: 'PASSIVE-only checkpoints (before)', value: before.stored } },
  ];
}

/**
 * Player-core figures (docs/benchmarks.md, "Player core"):
 *  - download + verify of a 1 GiB file over loopback, against `curl -o` then `sha256sum` in the same run;
 *  - outbox appends per second with its group-commit fsync, against one fsync per record;
 *  - restart-to-ready offline with a warm cache of 200 assets.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { downloadObject } from '../../core/cache/download.ts';
import { hashFile } from '../../core/cache/hash-file.ts';
import { ObjectStore } from '../../core/cache/store.ts';
import { createPlayerCore } from '../../core/index.ts';
import { Outbox } from '../../core/outbox/outbox.ts';
import { headlessPorts } from '../../core/ports.ts';
import { startOrigin } from '../fixtures/core-origin.ts';
import { publish, publisher, rootKey, tempDir } from '../fixtures/core-harness.ts';
import { rootEnvelope } from '../fixtures/core-signing.ts';
import { median, type BenchResult } from './harness.ts';

const run$ = promisify(execFile);
const AREA = 'core';

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  return [...(await download(quick)), ...(await outbox(quick)), ...(await restart(quick))];
}

async function download(quick: boolean): Promise<BenchResult[]> {
  const size = quick ? 256 * 1024 ** 2 : 1024 ** 3;
  const tmp = await tempDir('pano-bench-dl-');
  const file = join(tmp.dir, 'big.bin');
  const hash = createHash('sha256');
  const fd = await open(file, 'w');
  const block = randomBytes(16 * 1024 ** 2);
  for (let done = 0; done < size; done += block.length) {
    // Vary each block so nothing compresses or dedups.
    block.writeUInt32LE(done, 0);
    hash.update(block);
    await fd.write(block);
  }
  await fd.close();
  const sha = hash.digest('hex');
  const server = spawn(process.execPath, [join(import.meta.dirname, 'file-server.ts'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).once('line', resolve);
    server.once('exit', (code) => reject(new Error(`file server exited (${code})`)));
  });
  const url = `http://127.0.0.1:${port}/big.bin`;
  const ours: number[] = [];
  const curl: number[] = [];
  const rounds = quick ? 1 : 5;
  for (let i = 0; i < rounds; i++) {
    const out = join(tmp.dir, 'curl.bin');
    let t = performance.now();
    await run$('curl', ['-s', '-o', out, url]);
    const { stdout } = await run$('sha256sum', [out]);
    curl.push(performance.now() - t);
    if (!stdout.startsWith(sha)) throw new Error('curl baseline hashed something else');
    await rm(out);
    const store = new ObjectStore(join(tmp.dir, `store-${i}`), 4 * size, Date.now);
    await store.open();
    t = performance.now();
    await downloadObject(store, { sha256: sha, size, urls: [url] }, url, { idleTimeoutMs: 30_000 });
    ours.push(performance.now() - t);
    await rm(join(tmp.dir, `store-${i}`), { recursive: true });
  }
  server.kill('SIGTERM');
  await tmp.cleanup();
  const mib = size / 1024 ** 2;
  const oursRate = mib / (median(ours) / 1000);
  const curlRate = mib / (median(curl) / 1000);
  return [
    {
      area: AREA,
      name: `download + verify ${mib} MiB over loopback (median of ${rounds})`,
      value: oursRate,
      unit: 'MiB/s',
      baseline: { name: 'curl -o + sha256sum', value: curlRate },
      target: '≥ 1.0× curl+sha256sum',
      pass: oursRate / curlRate >= 1,
    },
  ];
}

async function outbox(quick: boolean): Promise<BenchResult[]> {
  const tmp = await tempDir('pano-bench-ob-');
  const n = quick ? 5_000 : 20_000;
  const body = { seq: 0, padding: 'x'.repeat(400) };
  const box = await Outbox.open(join(tmp.dir, 'group'), 1024 ** 3);
  let t = performance.now();
  // 64 appenders in flight, as when the renderer, heartbeats and events arrive together.
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < n) {
        const i = next++;
        await box.append('play', `rec-${i}-bench`, { ...body, seq: i }, i);
      }
    }),
  );
  const groupRate = n / ((performance.now() - t) / 1000);
  await box.close();
  // Baseline: the naive policy, one write + fsync per record.
  const naive = quick ? 300 : 1_000;
  const fd = await open(join(tmp.dir, 'naive.log'), 'a');
  t = performance.now();
  for (let i = 0; i < naive; i++) {
    await fd.write(JSON.stringify({ ...body, seq: i }) + '\n');
    await fd.datasync();
  }
  const naiveRate = naive / ((performance.now() - t) / 1000);
  await fd.close();
  await tmp.cleanup();
  return [
    {
      area: AREA,
      name: `outbox append, group-commit fsync, 64 in flight (${n} records)`,
      value: groupRate,
      unit: 'records/s',
      baseline: { name: 'write + fdatasync per record', value: naiveRate },
    },
  ];
}

async function restart(quick: boolean): Promise<BenchResult[]> {
  const tmp = await tempDir('pano-bench-rs-');
  const origin = await startOrigin();
  const assets = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`a${i}`, { bytes: randomBytes(20_000 + i * 100) }]));
  publish(origin, { version: 1, assets });
  const rootFile = join(tmp.dir, 'root.json');
  await import('node:fs/promises').then((fs) => fs.writeFile(rootFile, rootEnvelope(1, [rootKey], [publisher])));
  const dataDir = join(tmp.dir, 'data');
  const base = { dataDir, rootFile, apiPort: 0, pollIntervalMs: 3_600_000, heartbeatIntervalMs: 3_600_000 };
  const warm = createPlayerCore({ ...base, playlistUrl: `${origin.url}/c/playlist.json` }, headlessPorts);
  await warm.start();
  while (warm.state().phase !== 'ready') await new Promise((r) => warm.on('adopted', r));
  await warm.stop();
  const offlineUrl = origin.url;
  await origin.close();
  const times: number[] = [];
  for (let i = 0; i < (quick ? 5 : 15); i++) {
    const t = performance.now();
    const core = createPlayerCore({ ...base, playlistUrl: `${offlineUrl}/c/playlist.json` }, headlessPorts);
    await core.start();
    if (core.state().phase !== 'ready') await new Promise((r) => core.on('adopted', r));
    times.push(performance.now() - t);
    await core.stop();
  }
  // The same, as a real process restart (Node start-up and imports included).
  const proc: number[] = [];
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    const t0 = performance.now();
    // Timed to the READY line (the screen can play), not to the child's exit.
    const child = spawn(process.execPath, [join(import.meta.dirname, 'core-ready-child.ts'), dataDir, `${offlineUrl}/c/playlist.json`, rootFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => line === 'READY' && resolve());
      child.once('exit', (code) => reject(new Error(`restart child exited (${code}) before ready`)));
    });
    proc.push(performance.now() - t0);
    await exited;
  }
  // What a naive "hash every cached file before playing" start would cost on the same cache.
  const t = performance.now();
  const objects = join(dataDir, 'cache', 'objects');
  const names = await import('node:fs/promises').then((fs) => fs.readdir(objects));
  for (const name of names) await hashFile(join(objects, name));
  const hashAll = performance.now() - t;
  const cached = (await Promise.all(names.map((n) => stat(join(objects, n))))).length;
  await tmp.cleanup();
  const ms = median(times);
  return [
    {
      area: AREA,
      name: `restart to ready, offline, warm cache of ${cached} assets (median of ${times.length})`,
      value: ms,
      unit: 'ms',
      baseline: { name: 'hashing every cached file once', value: hashAll },
      target: '≤ 300 ms median',
      pass: ms <= 300,
    },
    {
      area: AREA,
      name: `process restart to ready (spawn node → ready), offline, same cache (median of ${proc.length})`,
      value: median(proc),
      unit: 'ms',
    },
  ];
}

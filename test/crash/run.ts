#!/usr/bin/env node
/**
 * `npm run test:crash [-- --kills N]` (or PANO_CRASH_KILLS=N): kill -9 a real
 * player process at random moments (downloads, renames, outbox appends,
 * uploads), N times. After every kill the cache must hold only files whose
 * bytes hash to their names; at the end a clean start must serve only
 * verified files, and the collector must hold every acknowledged record,
 * each once after de-duplication, in one unbroken hash chain.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import { ObjectStore } from '../../core/cache/store.ts';
import { hashFile } from '../../core/cache/hash-file.ts';
import { createPlayerCore } from '../../core/index.ts';
import { headlessPorts } from '../../core/ports.ts';
import { startCollector } from '../fixtures/core-collector.ts';
import { startOrigin } from '../fixtures/core-origin.ts';
import { publish, publisher, rootKey, tempDir } from '../fixtures/core-harness.ts';
import { rootEnvelope } from '../fixtures/core-signing.ts';

const flag = process.argv.indexOf('--kills');
const KILLS = Number(flag > 0 ? process.argv[flag + 1] : (process.env.PANO_CRASH_KILLS ?? 50));
const problems: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) problems.push(what);
};

const origin = await startOrigin();
const collector = await startCollector();
const tmp = await tempDir('pano-crash-');
const dataDir = join(tmp.dir, 'data');
const rootFile = join(tmp.dir, 'root.json');
await writeFile(rootFile, rootEnvelope(1, [rootKey], [publisher]));
const playlistUrl = `${origin.url}/c/playlist.json`;
const acked = new Set<string>();
let midDownload = 0;
const started = Date.now();

/** Every object in the cache must hash to its name; the store must reopen cleanly. */
async function checkCache(round: number): Promise<void> {
  const objects = join(dataDir, 'cache', 'objects');
  const names = await readdir(objects).catch(() => [] as string[]);
  for (const name of names) {
    if (!/^[0-9a-f]{64}$/.test(name)) continue; // stray temp names are removed on open
    const got = await hashFile(join(objects, name));
    check(got === name, `round ${round}: cached ${name} hashes to ${got}`);
  }
  const store = new ObjectStore(join(dataDir, 'cache'), 1 << 30, Date.now);
  await store.open();
  for (const name of await readdir(objects)) check(/^[0-9a-f]{64}$/.test(name) && store.has(name), `round ${round}: index and folder disagree on ${name}`);
  const index = JSON.parse(await readFile(join(dataDir, 'cache', 'index.json'), 'utf8')) as { entries: Record<string, unknown> };
  check(Object.keys(index.entries).length === (await readdir(objects)).length, `round ${round}: index has ${Object.keys(index.entries).length} entries`);
}

for (let round = 0; round < KILLS; round++) {
  // A new version with new files each round, so every life of the player downloads.
  const assets = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`a${i}`, { bytes: randomBytes(200_000 + Math.floor(Math.random() * 1_200_000)) }]));
  publish(origin, { version: round + 1, channel: 'crash', assets });
  const child = spawn(process.execPath, [join(import.meta.dirname, 'child.ts'), dataDir, playlistUrl, rootFile, collector.url], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise((r) => child.on('exit', r));
  const lines = createInterface({ input: child.stdout });
  let up: () => void;
  const isUp = new Promise<void>((r) => (up = r));
  lines.on('line', (line) => {
    if (line === 'UP') up();
    else if (line.startsWith('ACK ')) acked.add(line.slice(4));
  });
  await Promise.race([isUp, exited]);
  // The random moment is the point of the test: somewhere in downloads, renames, appends and uploads.
  await new Promise((r) => setTimeout(r, Math.random() * 600));
  child.kill('SIGKILL');
  await exited;
  lines.close();
  const tmpFiles = await readdir(join(dataDir, 'cache', 'tmp')).catch(() => [] as string[]);
  if (tmpFiles.some((f) => f.endsWith('.part'))) midDownload++;
  await checkCache(round);
}

// A clean start: deliver everything, then check what it serves and what the collector holds.
const core = createPlayerCore({ dataDir, playlistUrl, rootFile, reportUrl: collector.url, apiPort: 0, pollIntervalMs: 3_600_000, uploadIntervalMs: 3_600_000, heartbeatIntervalMs: 3_600_000, cacheQuotaBytes: 24 * 1024 * 1024 }, headlessPorts);
await core.start();
for (let i = 0; i < 20 && ((await core.status()).outbox as { pending: number }).pending > 0; i++) await core.uploadNow().catch(() => {});
await core.idle();
const state = core.state();
const url = new URL(core.localUrl('main'));
for (const [id, path] of Object.entries(state.media)) {
  const res = await fetch(`${url.origin}${path}`, { headers: { authorization: `Bearer ${url.searchParams.get('token')}` } });
  if (res.status !== 200) continue;
  const hash = createHash('sha256').update(Buffer.from(await res.arrayBuffer())).digest('hex');
  check(hash === state.assetHashes[id], `served ${id} with hash ${hash}`);
}
await core.stop();

const missing = [...acked].filter((id) => !collector.plays.has(id));
check(missing.length === 0, `${missing.length} acknowledged records never reached the collector (e.g. ${missing[0]})`);
const chain = collector.chain();
check(chain.problems === 0, `chain has ${chain.problems} problems`);
check(collector.conflicts === 0, `${collector.conflicts} ids arrived with different contents`);
check(collector.badHeads === 0, `${collector.badHeads} chain heads with a bad signature`);
check(acked.size > 0, 'no record was acknowledged at all');

console.log(
  `crash test: ${KILLS} kills in ${((Date.now() - started) / 1000).toFixed(1)} s (${midDownload} left a partial download); ${acked.size} acknowledged records, ` +
    `${collector.plays.size} delivered (${collector.duplicates} duplicate deliveries de-duplicated), chain seq 0…${chain.records.at(-1)?.seq ?? -1}, ` +
    `current playlist v${state.playlist?.version ?? 'none'}`,
);
await collector.close();
await origin.close();
await tmp.cleanup();
if (problems.length > 0) {
  console.error(`FAILED:\n  ${problems.slice(0, 20).join('\n  ')}`);
  process.exit(1);
}

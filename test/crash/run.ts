#!/usr/bin/env node
/**
 * `npm run test:crash [-- --kills N]` (or PANO_CRASH_KILLS=N): kill -9 a real
 * player process N times. A quarter of the kills come at a random moment;
 * the others are aimed at a crash window the child announces (a download in
 * flight, the rename into the cache, an outbox write + fsync), and the child's
 * phase lines say where each kill really landed. After every kill, before
 * anything reopens the cache, index.json must parse and agree with the folder
 * (a file may be missing from it only if its rename was in flight), and every
 * cached file must hash to its name. At the end a clean start must serve every
 * file of the newest playlist with a 200 and the right bytes, and the
 * collector must hold every acknowledged record, each once after
 * de-duplication, in one unbroken hash chain under valid device signatures.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parsePrivateKeyFile } from '../../playlists/keys.ts';
import { parseJson } from '../../playlists/parse.ts';
import { hashFile } from '../../core/cache/hash-file.ts';
import { IndexFile, ObjectStore } from '../../core/cache/store.ts';
import { createPlayerCore } from '../../core/index.ts';
import { headlessPorts } from '../../core/ports.ts';
import type { Phase } from '../../core/util/phase.ts';
import { startCollector } from '../fixtures/core-collector.ts';
import { startOrigin } from '../fixtures/core-origin.ts';
import { publish, publisher, rootKey, tempDir, waitState } from '../fixtures/core-harness.ts';
import { rootEnvelope } from '../fixtures/core-signing.ts';

const flag = process.argv.indexOf('--kills');
const KILLS = Number(flag > 0 ? process.argv[flag + 1] : (process.env.PANO_CRASH_KILLS ?? 50));
const PHASES: readonly Phase[] = ['download', 'rename', 'append'];
const problems: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) problems.push(what);
};
// A safety net for a hang (a wait below that never ends), not a timing assumption.
setTimeout(() => {
  console.error('crash test: no end after 240 s');
  process.exit(1);
}, 240_000).unref();

const origin = await startOrigin();
const collector = await startCollector();
const tmp = await tempDir('pano-crash-');
const dataDir = join(tmp.dir, 'data');
const rootFile = join(tmp.dir, 'root.json');
await writeFile(rootFile, rootEnvelope(1, [rootKey], [publisher]));
const playlistUrl = `${origin.url}/c/playlist.json`;
const acked = new Set<string>();
/** Kills that landed while a phase was in flight, per phase. */
const landed: Record<Phase, number> = { download: 0, rename: 0, append: 0 };
let midDownload = 0;
let unindexed = 0;
let ghosts = 0;
const started = Date.now();
/** Cached files already hashed by checkCache, with the stat they had. */
const hashed = new Map<string, string>();

/**
 * The cache as the killed child left it, then as the next start sees it.
 * `renaming`: files whose rename into objects/ was in flight at the kill.
 */
async function checkCache(round: number, renaming: ReadonlySet<string>): Promise<void> {
  const objects = join(dataDir, 'cache', 'objects');
  const names = (await readdir(objects).catch(() => [] as string[])).filter((n) => /^[0-9a-f]{64}$/.test(n)); // stray temp names are removed on open
  for (const name of names) {
    // A file hashed after an earlier kill and not touched since (same inode, size, mtime) need not be read again.
    const info = await stat(join(objects, name));
    const stamp = `${info.ino}:${info.size}:${info.mtimeMs}`;
    if (hashed.get(name) === stamp) continue;
    const got = await hashFile(join(objects, name));
    check(got === name, `round ${round}: cached ${name} hashes to ${got}`);
    hashed.set(name, stamp);
  }
  // Before anything reopens the store (open() rewrites index.json from the folder).
  const text = await readFile(join(dataDir, 'cache', 'index.json'), 'utf8').catch(() => null);
  if (text === null) check(names.length === 0, `round ${round}: no index.json beside ${names.length} cached files`);
  else {
    let entries: Record<string, { size: number }> = {};
    try {
      entries = parseJson(IndexFile, text, 'cache index').entries;
    } catch (error) {
      check(false, `round ${round}: index.json unreadable: ${(error as Error).message}`);
    }
    for (const name of names) {
      const e = entries[name];
      if (!e) {
        check(renaming.has(name), `round ${round}: ${name} is in objects/ but not in index.json, and its rename was not in flight`);
        unindexed++;
      } else check(e.size === (await stat(join(objects, name))).size, `round ${round}: index.json says ${name} has ${e.size} bytes`);
    }
    // An entry without its file: an eviction (unlink, then index) cut in between; open() drops it.
    ghosts += Object.keys(entries).filter((sha) => !names.includes(sha)).length;
  }
  const store = new ObjectStore(join(dataDir, 'cache'), 1 << 30, Date.now);
  await store.open();
  const after = await readdir(objects);
  for (const name of after) check(/^[0-9a-f]{64}$/.test(name) && store.has(name), `round ${round}: after open, index and folder disagree on ${name}`);
  const index = parseJson(IndexFile, await readFile(join(dataDir, 'cache', 'index.json'), 'utf8'), 'cache index');
  check(Object.keys(index.entries).length === after.length, `round ${round}: after open, index has ${Object.keys(index.entries).length} entries for ${after.length} files`);
}

/** A child that has loaded its modules and waits for `go` on stdin before it touches the data folder. */
const spawnChild = () => {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'child.ts'), dataDir, playlistUrl, rootFile, collector.url], { stdio: ['pipe', 'pipe', 'inherit'] });
  return { child, exited: once(child, 'exit') };
};
let spare = spawnChild();

for (let round = 0; round < KILLS; round++) {
  // A new version with new files each round, so every life of the player downloads.
  const assets = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`a${i}`, { bytes: randomBytes(200_000 + Math.floor(Math.random() * 1_200_000)) }]));
  publish(origin, { version: round + 1, channel: 'crash', assets });
  const target: Phase | 'random' = round % 4 === 0 ? 'random' : PHASES[(round % 4) - 1]!;
  const { child, exited } = spare;
  child.stdin.write('go\n');
  spare = spawnChild();
  const lines = createInterface({ input: child.stdout });
  const allRead = once(lines, 'close');
  const active: Record<Phase, Set<string>> = { download: new Set(), rename: new Set(), append: new Set() };
  const kill = () => child.kill('SIGKILL');
  let aimed = false;
  let up: () => void;
  const isUp = new Promise<void>((r) => (up = r));
  lines.on('line', (line) => {
    if (line === 'UP') return up();
    if (line.startsWith('ACK ')) return acked.add(line.slice(4));
    const [p, name, edge, id] = line.split(' ') as [string, Phase, string, string];
    if (p !== 'P' || !(name in active)) return;
    if (edge === 'start') active[name].add(id);
    else active[name].delete(id);
    // Aimed kills: at once for the short windows; somewhere inside a download for the long one.
    if (name === target && edge === 'start' && !aimed) {
      aimed = true;
      if (name === 'download') setTimeout(kill, Math.random() * 60);
      else kill();
    }
  });
  await Promise.race([isUp, exited]);
  if (!collector.publicKey) {
    // The device key exists from the first start on: from now every chain head must verify under it.
    collector.publicKey = parsePrivateKeyFile(await readFile(join(dataDir, 'device.key'), 'utf8'), 'device key').publicKey;
  }
  // The random moment is the point of these kills; an aimed kill whose phase never comes falls back to one.
  const fallback = setTimeout(kill, target === 'random' ? Math.random() * 600 : 3_000);
  await exited;
  await allRead;
  clearTimeout(fallback);
  for (const p of PHASES) if (active[p].size > 0) landed[p]++;
  const tmpFiles = await readdir(join(dataDir, 'cache', 'tmp')).catch(() => [] as string[]);
  if (tmpFiles.some((f) => f.endsWith('.part'))) midDownload++;
  await checkCache(round, active.rename);
}

spare.child.stdin.end();
await spare.exited;

// A clean start: deliver everything, then check what it serves and what the collector holds.
const core = createPlayerCore(
  { dataDir, playlistUrl, rootFile, reportUrl: collector.url, apiPort: 0, pollIntervalMs: 3_600_000, uploadIntervalMs: 3_600_000, heartbeatIntervalMs: 3_600_000, cacheQuotaBytes: 24 * 1024 * 1024, retryBaseMs: 50 },
  headlessPorts,
);
await core.start();
for (let i = 0; i < 20 && ((await core.status()).outbox as { pending: number }).pending > 0; i++) await core.uploadNow().catch(() => {});
// The newest playlist must be adopted: then every one of its files is in the index and must be served.
const state = await waitState(core, (s) => s.playlist?.version === KILLS);
const url = new URL(core.localUrl('main'));
check(Object.keys(state.media).length === 5, `the newest playlist has ${Object.keys(state.media).length} media URLs`);
for (const [id, path] of Object.entries(state.media)) {
  const res = await fetch(`${url.origin}${path}`, { headers: { authorization: `Bearer ${url.searchParams.get('token')}` } });
  const body = Buffer.from(await res.arrayBuffer());
  check(res.status === 200, `${id} of the adopted playlist answered ${res.status}`);
  const hash = createHash('sha256').update(body).digest('hex');
  check(hash === state.assetHashes[id], `served ${id} with hash ${hash}`);
}
await core.stop();

const missing = [...acked].filter((id) => !collector.plays.has(id));
check(missing.length === 0, `${missing.length} acknowledged records never reached the collector (e.g. ${missing[0]})`);
const chain = collector.chain();
check(chain.problems === 0, `chain has ${chain.problems} problems`);
check(collector.conflicts === 0, `${collector.conflicts} ids arrived with different contents`);
check(collector.publicKey !== undefined, 'the device public key was never read');
check(collector.badHeads === 0, `${collector.badHeads} chain heads with a bad signature`);
check(acked.size > 0, 'no record was acknowledged at all');
// The kills must have hit the windows they are for (aimed kills land in the short rename window nearly every time).
for (const p of PHASES) check(landed[p] > 0, `no kill landed during a ${p}`);

console.log(
  `crash test: ${KILLS} kills in ${((Date.now() - started) / 1000).toFixed(1)} s; landed during download ${landed.download}, rename ${landed.rename}, append ${landed.append} ` +
    `(${midDownload} left a partial download; index before reopen: ${unindexed} files mid-rename not yet indexed, ${ghosts} entries of evicted files); ` +
    `${acked.size} acknowledged records, ${collector.plays.size} delivered (${collector.duplicates} duplicate deliveries de-duplicated), ` +
    `chain seq 0…${chain.records.at(-1)?.seq ?? -1}, current playlist v${state.playlist?.version ?? 'none'}`,
);
await collector.close();
await origin.close();
await tmp.cleanup();
if (problems.length > 0) {
  console.error(`FAILED:\n  ${problems.slice(0, 20).join('\n  ')}`);
  process.exit(1);
}

/**
 * Hostile playlist envelopes (docs/benchmarks.md, "Hostile envelopes"): a
 * real player core polls a host that serves, with no ETag, 4 MB of one
 * envelope over and over. Figures: the core's peak RSS over the polls and its
 * RSS after a full GC, for a 4 MB envelope nested 2 million deep and one
 * stuffed with 1.3 million empty arrays, against the same run's baseline: a
 * well-formed 4 MB envelope (a 3 MB payload under no valid signature).
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startOrigin, type Origin } from '../fixtures/core-origin.ts';
import { publish, publisher, rootKey, tempDir } from '../fixtures/core-harness.ts';
import { rootEnvelope } from '../fixtures/core-signing.ts';
import type { BenchResult } from './harness.ts';

const SIZE = 4_000_000;
const HEAD = '{"payloadType":"application/vnd.pano.playlist+json","payload":"","signatures":[{"sig":""}],"x":';

function envelopes(): Record<string, string> {
  const depth = Math.floor((SIZE - HEAD.length) / 2);
  const payload = Buffer.alloc(Math.floor(((SIZE - 200) * 3) / 4), 7).toString('base64');
  return {
    'well-formed, unsigned (baseline)': JSON.stringify({ payloadType: 'application/vnd.pano.playlist+json', payload, signatures: [{ keyid: '', sig: 'AAAA' }] }),
    'nested 2 million deep': `${HEAD}${'['.repeat(depth)}${']'.repeat(depth)}}`,
    'stuffed with 1.3 million empty arrays': `${HEAD}[${'[],'.repeat(Math.floor((SIZE - HEAD.length) / 3) - 1)}[]]}`,
  };
}

/** Peak and retained RSS (MB) of a core that polls `bytes` `polls` times, and its RSS once ready. */
async function measure(origin: Origin, rootFile: string, bytes: string, polls: number): Promise<{ ready: number; peak: number; after: number }> {
  const tmp = await tempDir('pano-bench-env-');
  publish(origin, { version: 1 });
  const child = spawn(process.execPath, ['--expose-gc', join(import.meta.dirname, 'envelope-child.ts'), tmp.dir, `${origin.url}/c/playlist.json`, rootFile, '100'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const line = async () => {
    const next = await lines.next();
    if (next.done) throw new Error('envelope child exited early');
    return next.value.split(' ');
  };
  const ready = Number((await line())[1]);
  const before = origin.requests('/c/playlist.json');
  origin.put('/c/playlist.json', bytes, { etag: null });
  // The poller waits for each check to finish before the next: `polls` answers served means polls-1 checks done.
  while (origin.requests('/c/playlist.json') < before + polls + 1) await new Promise((r) => setTimeout(r, 50));
  child.stdin!.write('report\n');
  const [, peak, after] = (await line()).map(Number);
  child.stdin!.end('stop\n');
  await new Promise((r) => child.once('exit', r));
  await tmp.cleanup();
  return { ready, peak: peak!, after: after! };
}

export async function run({ quick }: { quick: boolean }): Promise<BenchResult[]> {
  const polls = quick ? 4 : 10;
  const origin = await startOrigin();
  const dir = await tempDir('pano-bench-env-root-');
  const rootFile = join(dir.dir, 'root.json');
  await writeFile(rootFile, rootEnvelope(1, [rootKey], [publisher]));
  try {
    const all = Object.entries(envelopes());
    const results: Record<string, { ready: number; peak: number; after: number }> = {};
    for (const [name, bytes] of all) results[name] = await measure(origin, rootFile, bytes, polls);
    const [baseName] = all[0]!;
    const base = results[baseName]!;
    return all.flatMap(([name]) => {
      const r = results[name]!;
      return [
        { area: 'envelope', name: `${name}: peak RSS over ${polls} polls (ready at ${r.ready} MB)`, value: r.peak, unit: 'MB', baseline: { name: 'well-formed 4 MB', value: base.peak }, target: '≤ 1.5× baseline', pass: r.peak <= 1.5 * base.peak },
        { area: 'envelope', name: `${name}: RSS after the polls and a full GC`, value: r.after, unit: 'MB', baseline: { name: 'well-formed 4 MB', value: base.after }, target: '≤ 1.5× baseline', pass: r.after <= 1.5 * base.after },
      ];
    });
  } finally {
    await origin.close();
    await dir.cleanup();
  }
}

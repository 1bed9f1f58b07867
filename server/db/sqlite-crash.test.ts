import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'pano-sqlite-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Starts the writer at batch `from`, kills it with SIGKILL once it has acknowledged `acks` batches; returns the acknowledged numbers. */
async function runAndKill(file: string, from: number, acks: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', join(import.meta.dirname, 'sqlite-crash.child.ts'), file, String(from)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  const acked: number[] = [];
  for await (const line of createInterface({ input: child.stdout })) {
    acked.push(Number(line));
    if (acked.length === acks) child.kill('SIGKILL');
  }
  const [code, signal] = (await exited) as [number | null, string | null];
  expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
  return acked;
}

describe('sqlite Db killed mid-write (kill -9)', () => {
  it('keeps every acknowledged batch whole, through the checkpointer holding writes and rewinding the WAL', async () => {
    const file = join(dir, 'hub.sqlite');
    const acknowledged: number[] = [];
    let next = 0;
    // Kills after a varying number of batches: with a 256 KiB WAL limit the checkpointer holds writes every few batches.
    for (const acks of [40, 7, 130, 23, 61, 3, 90, 17]) {
      const acked = await runAndKill(file, next, acks);
      acknowledged.push(...acked);
      // Opening recovers from the WAL the killed process left, as the next hub start does.
      const db = new DatabaseSync(file);
      const batches = db.prepare('SELECT batch, COUNT(*) AS n FROM t GROUP BY batch ORDER BY batch').all() as { batch: number; n: number }[];
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      db.close();
      const stored = new Map(batches.map((b) => [b.batch, b.n]));
      // Every acknowledged batch is there with all its rows; a batch in flight at the kill is there whole or not at all.
      expect(acknowledged.filter((b) => stored.get(b) !== 100)).toEqual([]);
      expect(batches.filter((b) => b.n !== 100)).toEqual([]);
      next = Math.max(...stored.keys()) + 1;
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(40 + 7 + 130 + 23 + 61 + 3 + 90 + 17);
  }, 120_000);
});

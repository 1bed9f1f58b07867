import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MIGRATIONS, migrate } from './migrations.ts';
import { openSqlite } from './sqlite.ts';
import type { Db } from './db.ts';

let dir: string;
let db: Db;

afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(options?: Parameters<typeof openSqlite>[1]): Db {
  dir = mkdtempSync(join(tmpdir(), 'pano-sqlite-'));
  db = openSqlite(join(dir, 'hub.sqlite'), options);
  return db;
}

describe('sqlite Db', () => {
  it('binds $n placeholders in any order and repeated, as PostgreSQL does', async () => {
    open();
    await db.exec('CREATE TABLE t (a TEXT, b TEXT, c TEXT)');
    await db.run('INSERT INTO t (c, a, b) VALUES ($3, $1, $2)', ['one', 'two', 'three']);
    expect(await db.get('SELECT * FROM t WHERE a = $1 OR b = $1', ['one'])).toEqual({ a: 'one', b: 'two', c: 'three' });
    expect(await db.get("SELECT CASE WHEN $2 = 'x' THEN $1 ELSE $2 END AS v", ['y', 'x'])).toEqual({ v: 'y' });
  });

  it('rolls a failed transaction back and keeps other statements out of it', async () => {
    open();
    await db.exec('CREATE TABLE t (a TEXT PRIMARY KEY)');
    const failing = db.tx(async (t) => {
      await t.run('INSERT INTO t (a) VALUES ($1)', ['inside']);
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('boom');
    });
    // Issued while the transaction is open: must not be rolled back with it.
    const outside = db.run('INSERT INTO t (a) VALUES ($1)', ['outside']);
    await expect(failing).rejects.toThrow('boom');
    await outside;
    expect(await db.all('SELECT a FROM t')).toEqual([{ a: 'outside' }]);
  });

  it('applies migrations once and records them', async () => {
    open();
    expect(await migrate(db)).toBe(MIGRATIONS.length);
    expect(await migrate(db)).toBe(0);
    expect(await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM schema_migrations')).toEqual({ n: MIGRATIONS.length });
  });

  it('copies the WAL into the database from the checkpoint worker, not from the main connection', async () => {
    open();
    await db.exec('CREATE TABLE t (a TEXT)');
    const file = join(dir, 'hub.sqlite');
    const before = statSync(file).size;
    await db.tx(async (t) => {
      for (let i = 0; i < 2000; i++) await t.run('INSERT INTO t (a) VALUES ($1)', ['x'.repeat(200)]);
    });
    // The main connection never checkpoints: the rows reach the database file only through the worker.
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before + 200_000), { timeout: 5_000, interval: 50 });
  });

  it('keeps the WAL bounded under sustained writes with a reader on another connection', async () => {
    // A small limit and a fast tick so the test is quick; the hub runs with 64 MiB and 1 s (the bench measures those).
    open({ walLimitBytes: 1024 * 1024, checkpointIntervalMs: 20 });
    const file = join(dir, 'hub.sqlite');
    await db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT)');
    const reader = new DatabaseSync(file);
    const count = reader.prepare('SELECT COUNT(*) AS n FROM t');
    let maxWal = 0;
    let written = 0;
    await db.run('INSERT INTO t (id, body) VALUES ($1, $2)', ['first', 'x'.repeat(100_000)]);
    written++;
    // The worker takes a moment to start (a fresh isolate): once the first row reaches the database file, it runs.
    const before = statSync(file).size;
    await vi.waitFor(() => expect(statSync(file).size).toBeGreaterThan(before), { timeout: 5_000, interval: 20 });
    try {
      // 600 commits of 100 rows (about 40 MB of WAL frames): under the PASSIVE-only policy the WAL grew by all of it.
      for (let batch = 0; batch < 600; batch++) {
        await db.tx(async (t) => {
          const rows = Array.from({ length: 100 }, (_, i) => [`${batch}-${i}`, 'x'.repeat(300)]);
          await t.runEach('INSERT INTO t (id, body) VALUES ($1, $2)', rows);
        });
        written += 100;
        expect((count.get() as { n: number }).n).toBe(written);
        maxWal = Math.max(maxWal, existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
        // The hub's writes come from requests, one turn of the event loop apart (batcher.ts); so do these.
        await new Promise((r) => setImmediate(r));
      }
    } finally {
      reader.close();
    }
    // The limit, plus what these writes (tens of MB/s) add between a tick and the hold, plus SQLite cutting the file back
    // only on the next commit: a few MB, varying with the machine's load. PASSIVE-only grew by all 40 MB.
    expect(maxWal).toBeLessThan(12 * 1024 * 1024);
    // …and the rows did go through the WAL into the database file.
    expect(statSync(file).size).toBeGreaterThan(20_000_000);
  });
});

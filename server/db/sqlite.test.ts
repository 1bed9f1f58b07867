import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { statSync } from 'node:fs';
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

function open(): Db {
  dir = mkdtempSync(join(tmpdir(), 'pano-sqlite-'));
  db = openSqlite(join(dir, 'hub.sqlite'));
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
});

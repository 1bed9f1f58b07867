import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import type { Db, Param } from './db.ts';

/**
 * node:sqlite is synchronous; transactions take a lock so that another
 * request's statements never land inside (or get rolled back with) them.
 */
export function openSqlite(file: string): Db {
  const raw = new DatabaseSync(file);
  raw.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
  // Checkpoints (and their fsync) run in checkpointer.ts, off the event loop.
  raw.exec('PRAGMA wal_autocheckpoint = 0');
  // The worker loads node:sqlite again; its "experimental" notice says nothing to an operator (cli/pano.js drops the main thread's).
  const checkpointer = new Worker(new URL('./checkpointer.ts', import.meta.url), { workerData: { file, intervalMs: 1_000 }, execArgv: [...process.execArgv, '--disable-warning=ExperimentalWarning'] });
  checkpointer.unref();
  let closing = false;
  // Should the worker ever die, the main connection checkpoints again rather than let the WAL grow.
  const fallback = () => {
    if (!closing) raw.exec('PRAGMA wal_autocheckpoint = 1000');
  };
  checkpointer.once('error', fallback);
  checkpointer.once('exit', fallback);
  const cache = new Map<string, { stmt: StatementSync; order: number[] | null }>();
  const prepare = (sql: string): { stmt: StatementSync; order: number[] | null } => {
    let entry = cache.get(sql);
    if (!entry) {
      // $n → ?, with the order (and repeats) of $n remembered: node:sqlite binds
      // anonymous parameters several times faster than numbered ?NNN ones.
      const order: number[] = [];
      const stmt = raw.prepare(
        sql.replace(/\$(\d+)/g, (_, n: string) => {
          order.push(Number(n) - 1);
          return '?';
        }),
      );
      entry = { stmt, order: order.every((n, i) => n === i) ? null : order };
      cache.set(sql, entry);
    }
    return entry;
  };
  const bind = (entry: { order: number[] | null }, params: readonly Param[]): Param[] =>
    entry.order ? entry.order.map((i) => params[i] ?? null) : (params as Param[]);
  const stmtAll = (sql: string, params: readonly Param[]) => {
    const e = prepare(sql);
    return e.stmt.all(...bind(e, params));
  };
  const stmtGet = (sql: string, params: readonly Param[]) => {
    const e = prepare(sql);
    return e.stmt.get(...bind(e, params));
  };
  const stmtRun = (sql: string, params: readonly Param[]) => {
    const e = prepare(sql);
    return e.stmt.run(...bind(e, params));
  };
  let lock: Promise<void> = Promise.resolve();

  const direct = (): Db => ({
    kind: 'sqlite',
    all: <T>(sql: string, params: readonly Param[] = []) => Promise.resolve(stmtAll(sql, params) as T[]),
    get: <T>(sql: string, params: readonly Param[] = []) => Promise.resolve(stmtGet(sql, params) as T | undefined),
    run: (sql: string, params: readonly Param[] = []) => Promise.resolve({ changes: Number(stmtRun(sql, params).changes) }),
    runEach: (sql: string, rows: readonly (readonly Param[])[]) => Promise.resolve(rows.map((params) => Number(stmtRun(sql, params).changes))),
    exec: (sql: string) => Promise.resolve(raw.exec(sql)),
    tx: (fn) => fn(inner),
    close: () => Promise.resolve(),
  });
  const inner = direct();

  const locked = async <T>(fn: () => T | Promise<T>): Promise<T> => {
    await lock;
    return fn();
  };

  return {
    kind: 'sqlite',
    all: (sql, params) => locked(() => inner.all(sql, params)),
    get: (sql, params) => locked(() => inner.get(sql, params)),
    run: (sql, params) => locked(() => inner.run(sql, params)),
    runEach: (sql, rows) => locked(() => inner.runEach(sql, rows)),
    exec: (sql) => locked(() => inner.exec(sql)),
    async tx(fn) {
      let release!: () => void;
      const previous = lock;
      lock = new Promise<void>((resolve) => (release = resolve));
      await previous;
      raw.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(inner);
        raw.exec('COMMIT');
        return result;
      } catch (error) {
        raw.exec('ROLLBACK');
        throw error;
      } finally {
        release();
      }
    },
    async close() {
      await lock;
      closing = true;
      await new Promise<void>((resolve) => {
        checkpointer.once('message', () => resolve());
        checkpointer.once('exit', () => resolve());
        checkpointer.postMessage('close');
      });
      await checkpointer.terminate();
      raw.close();
    },
  };
}

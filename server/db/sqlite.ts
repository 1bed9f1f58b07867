import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import type { CheckpointerData, CheckpointerMessage } from './checkpointer.ts';
import type { Db, Param } from './db.ts';

export interface SqliteOptions {
  /**
   * The WAL's bound: past half of it the checkpointer works towards a rewind of the WAL (checkpointer.ts),
   * so the file stays near this size, and a rewind cuts the file back to it. Infinity: PASSIVE checkpoints
   * only, the policy before issue 17 (the WAL grows without end under sustained writes), for the bench's baseline.
   */
  walLimitBytes?: number;
  checkpointIntervalMs?: number;
}

/** 64 MiB: a few seconds of play records at full rate, far below what a hub's disk holds. */
export const WAL_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * node:sqlite is synchronous; transactions take a lock so that another
 * request's statements never land inside (or get rolled back with) them.
 */
export function openSqlite(file: string, options: SqliteOptions = {}): Db {
  const walLimitBytes = options.walLimitBytes ?? WAL_LIMIT_BYTES;
  const raw = new DatabaseSync(file);
  raw.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
  // Checkpoints (and their fsync) run in checkpointer.ts, off the event loop.
  raw.exec('PRAGMA wal_autocheckpoint = 0');
  // When a commit rewinds the WAL, it also cuts the file back to this size (the writer does it, so it is set here).
  if (Number.isFinite(walLimitBytes)) raw.exec(`PRAGMA journal_size_limit = ${Math.floor(walLimitBytes)}`);
  // The worker loads node:sqlite again; its "experimental" notice says nothing to an operator (cli/pano.js drops the main thread's).
  const checkpointer = new Worker(new URL('./checkpointer.ts', import.meta.url), {
    workerData: { file, intervalMs: options.checkpointIntervalMs ?? 1_000, startBytes: walLimitBytes / 2, limitBytes: walLimitBytes } satisfies CheckpointerData,
    execArgv: [...process.execArgv, '--disable-warning=ExperimentalWarning'],
  });
  checkpointer.unref();
  let closing = false;
  // Set while the checkpointer holds the writes (see below); called when it is done, or gone.
  let resume: (() => void) | null = null;
  let gone = false;
  const closed = new Promise<void>((resolve) => {
    checkpointer.on('message', (message: CheckpointerMessage) => {
      if (message === 'pause') void holdWrites();
      else if (message === 'resume') resume?.();
      else resolve();
    });
    checkpointer.once('exit', () => {
      gone = true;
      resume?.();
      resolve();
    });
  });
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

  /**
   * The checkpointer's hold: while set, no statement or transaction starts. It jumps the queue of
   * transactions waiting for the lock (only the one running finishes first), so the WAL stops growing
   * within a transaction's time of being asked, not after every batch already queued.
   */
  let hold: Promise<void> | null = null;
  /** The lock of the transaction running now, released when it ends. */
  let running: Promise<void> | null = null;
  const holdWrites = async () => {
    if (hold || closing) return;
    let end!: () => void;
    hold = new Promise<void>((r) => (end = r));
    if (running) await running;
    if (!gone)
      await new Promise<void>((r) => {
        resume = r;
        checkpointer.postMessage('paused');
      });
    resume = null;
    hold = null;
    end();
  };
  const unheld = async () => {
    while (hold) await hold;
  };

  const locked = async <T>(fn: () => T | Promise<T>): Promise<T> => {
    await lock;
    await unheld();
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
      const mine = (lock = new Promise<void>((resolve) => (release = resolve)));
      await previous;
      await unheld();
      running = mine;
      raw.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(inner);
        raw.exec('COMMIT');
        return result;
      } catch (error) {
        raw.exec('ROLLBACK');
        throw error;
      } finally {
        running = null;
        release();
      }
    },
    async close() {
      await lock;
      await unheld();
      closing = true;
      checkpointer.postMessage('close');
      await closed;
      await checkpointer.terminate();
      raw.close();
    },
  };
}

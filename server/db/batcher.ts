import type { Db } from './db.ts';

/**
 * Group commit: work queued in the same turn of the event loop runs in ONE
 * transaction, so a burst of small writes (heartbeats) pays for one commit
 * instead of one each. If the transaction fails, every queued caller gets the
 * error; callers are idempotent (record ids), so the devices simply retry.
 */
export class TxBatcher {
  readonly #db: Db;
  readonly #maxBatch: number;
  #queue: { fn: (db: Db) => Promise<unknown>; resolve(v: unknown): void; reject(e: unknown): void }[] = [];
  #scheduled = false;

  constructor(db: Db, maxBatch = 200) {
    this.#db = db;
    this.#maxBatch = maxBatch;
  }

  run<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#queue.splice(0, this.#maxBatch);
    if (this.#queue.length) setImmediate(() => void this.#flush());
    else this.#scheduled = false;
    const results: unknown[] = [];
    try {
      await this.#db.tx(async (db) => {
        for (const item of batch) results.push(await item.fn(db));
      });
      batch.forEach((item, i) => item.resolve(results[i]));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }
}

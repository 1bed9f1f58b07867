import { PanoError, isPanoError, type ErrorCode } from '../../playlists/errors.ts';
import type { Clock } from '../util/clock.ts';
import { downloadObject, type Wanted } from './download.ts';
import type { ObjectStore } from './store.ts';

export interface FetchProgress {
  assetsReady: number;
  assetsTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface FetchOptions {
  concurrency: number;
  retries: number;
  idleTimeoutMs: number;
  /** First retry delay; doubles each time. */
  retryBaseMs: number;
  /** Extra headers for a URL (the device token goes only to the hub's own origins). */
  headersFor?: (url: string) => Record<string, string>;
  clock: Clock;
  protect: ReadonlySet<string>;
  /** Overall figures, and the files in flight (sha256 → bytes done / total). */
  onProgress(p: FetchProgress, inFlight: ReadonlyMap<string, { done: number; total: number }>): void;
  onError(code: ErrorCode, message: string): void;
  signal: AbortSignal;
}

/**
 * Fills the cache with every wanted object: `concurrency` at a time, mirrors
 * in order, retries with exponential backoff. Resolves true when all are
 * present and verified, false when any could not be fetched (the caller keeps
 * the old playlist playing and tries again on the next sync).
 */
export async function fetchAll(store: ObjectStore, wanted: readonly Wanted[], opts: FetchOptions): Promise<boolean> {
  const bytesTotal = wanted.reduce((n, w) => n + w.size, 0);
  const partial = new Map<string, number>();
  const sizes = new Map(wanted.map((w) => [w.sha256, w.size]));
  let ready = 0;
  let readyBytes = 0;
  const todo: Wanted[] = [];
  for (const w of wanted) {
    if (store.has(w.sha256, w.size)) {
      ready++;
      readyBytes += w.size;
    } else todo.push(w);
  }
  const report = () => {
    let inFlight = 0;
    for (const n of partial.values()) inFlight += n;
    const files = new Map<string, { done: number; total: number }>();
    for (const [sha, done] of partial) files.set(sha, { done, total: sizes.get(sha) ?? 0 });
    opts.onProgress({ assetsReady: ready, assetsTotal: wanted.length, bytesDone: readyBytes + inFlight, bytesTotal }, files);
  };
  report();
  let failed = false;
  const queue = [...todo];

  const worker = async () => {
    for (let w = queue.shift(); w !== undefined && !opts.signal.aborted; w = queue.shift()) {
      const ok = await fetchOne(store, w, opts, (n) => {
        partial.set(w.sha256, n);
        report();
      });
      partial.delete(w.sha256);
      if (ok) {
        ready++;
        readyBytes += w.size;
      } else failed = true;
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, todo.length) }, worker));
  return !failed && !opts.signal.aborted;
}

async function fetchOne(store: ObjectStore, want: Wanted, opts: FetchOptions, onBytes: (n: number) => void): Promise<boolean> {
  for (let attempt = 0; attempt <= opts.retries && !opts.signal.aborted; attempt++) {
    if (attempt > 0) await delay(opts.clock, opts.retryBaseMs * 2 ** (attempt - 1), opts.signal);
    try {
      await store.makeRoom(want.size, opts.protect, want.sha256);
    } catch (error) {
      const e = error as PanoError;
      opts.onError(e.code, e.message);
      return false;
    }
    for (const url of want.urls) {
      try {
        await downloadObject(store, want, url, {
          idleTimeoutMs: opts.idleTimeoutMs,
          onBytes,
          signal: opts.signal,
          now: opts.clock.now,
          ...(opts.headersFor ? { headers: opts.headersFor(url) } : {}),
        });
        return true;
      } catch (error) {
        const e = isPanoError(error) ? error : new PanoError('DOWNLOAD_FAILED', String(error));
        opts.onError(e.code, e.message);
        // A full disk will not empty itself by retrying at once.
        if (e.code === 'DISK_FULL') return false;
      }
    }
  }
  return false;
}

function delay(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const h = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clock.clearTimeout(h);
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

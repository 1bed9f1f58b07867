/**
 * SQLite WAL checkpoints in a worker thread. node:sqlite is synchronous, so a
 * checkpoint (which fsyncs the database file) on the main connection would
 * stall every request while it runs. The main connection turns automatic
 * checkpoints off; this thread, with its own connection, copies the WAL back
 * into the database without blocking writers (PASSIVE).
 *
 * PASSIVE alone does not keep the WAL bounded: SQLite rewinds the WAL only
 * when a writer starts a transaction after a checkpoint has copied every
 * frame, and under sustained writes a commit always lands while the copy runs,
 * so the WAL grew without end (11.9 GB after 2 million play records). So once
 * the WAL holds more than `startBytes`, this thread checkpoints again at once
 * (PASSIVE, writers still going) until a pass comes back quick: each pass
 * copies only what was committed during the one before, so they shrink to a
 * few milliseconds. Then it asks the main thread to hold its writes (an async
 * lock: the event loop keeps serving), copies the last few frames with RESTART
 * (no writer can add more), which makes the next commit rewind the WAL, and
 * lets the writes go on. The hold lasts about as long as that last quick pass
 * (docs/benchmarks.md: holding after one-second ticks instead cost 0.59× the
 * throughput). Past `limitBytes` it holds after the pass under way, quick or
 * not: on a quiet machine writes outran slow passes and the WAL reached
 * 227 MiB. `startBytes: Infinity` is the PASSIVE-only policy from before,
 * kept for the bench's baseline.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

export type CheckpointerMessage = 'pause' | 'resume' | 'closed';

export interface CheckpointerData {
  file: string;
  /** Between passes while the WAL is below `startBytes`. */
  intervalMs: number;
  startBytes: number;
  /** Past this the hold is taken after the pass under way, quick or not (Infinity with startBytes: Infinity). */
  limitBytes?: number;
}

/** A pass this quick leaves a hold of about as long; with the WAL past `startBytes`, a slower one is followed by another at once. */
const QUICK_PASS_MS = 20;
/** Passes stop shrinking at the disk's fsync time; after this many the hold is taken anyway. */
const MAX_PASSES = 8;
/** Between passes while the WAL changes. */
const BUSY_INTERVAL_MS = 100;

const { file, intervalMs, startBytes, limitBytes = Infinity } = workerData as CheckpointerData;
const db = new DatabaseSync(file);
db.exec('PRAGMA busy_timeout = 1000');
const frameBytes = (db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size + 24;
const checkpoint = (mode: 'PASSIVE' | 'RESTART') => db.prepare(`PRAGMA wal_checkpoint(${mode})`).get() as { busy: number; log: number; checkpointed: number };
const post = (message: CheckpointerMessage) => parentPort?.postMessage(message);
let timer: NodeJS.Timeout | null = null;
let passes = 0;
let lastLog = 0;
let closed = false;

function tick(): void {
  timer = null;
  let next = intervalMs;
  try {
    const started = performance.now();
    const { log } = checkpoint('PASSIVE');
    const ms = performance.now() - started;
    // Writes under way: look again soon, so the WAL is caught near `startBytes` rather than up to an interval past it.
    if (log !== lastLog && Number.isFinite(startBytes)) next = Math.min(intervalMs, BUSY_INTERVAL_MS);
    lastLog = log;
    if (log * frameBytes > startBytes) {
      passes++;
      // On a quiet machine writes outrun slow passes (22,000 records/s, ~80 MB of WAL a second): waiting for a quick pass
      // let the WAL reach 227 MiB, so past the limit the hold is taken at once (it then copies one pass's worth of frames).
      if (ms <= QUICK_PASS_MS || passes >= MAX_PASSES || log * frameBytes > limitBytes) {
        passes = 0;
        post('pause');
        return;
      }
      next = 0;
    } else passes = 0;
  } catch {
    // Busy or closing: the next tick tries again.
  }
  timer = setTimeout(tick, next);
}
timer = setTimeout(tick, intervalMs);

parentPort?.on('message', (message: 'paused' | 'close') => {
  if (message === 'paused') {
    if (closed) return;
    try {
      // No writer now; a reader on another connection can still make this busy, and then a later pass asks again.
      checkpoint('RESTART');
    } catch {
      // As above.
    }
    post('resume');
    timer = setTimeout(tick, Math.min(intervalMs, BUSY_INTERVAL_MS));
    return;
  }
  if (timer) clearTimeout(timer);
  closed = true;
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } catch {
    // The main connection checkpoints on close anyway.
  }
  db.close();
  post('closed');
});

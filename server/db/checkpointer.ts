/**
 * SQLite WAL checkpoints in a worker thread. node:sqlite is synchronous, so a
 * checkpoint (which fsyncs the database file) on the main connection would
 * stall every request while it runs. The main connection turns automatic
 * checkpoints off; this thread, with its own connection, copies the WAL back
 * into the database every `intervalMs` without blocking writers (PASSIVE).
 *
 * PASSIVE alone does not keep the WAL bounded: SQLite only rewinds the WAL
 * when a checkpoint has copied every frame, and under sustained writes a
 * commit always lands while the copy runs, so the WAL grew without end
 * (2.7 GB after 500,000 play records). Once the WAL holds more than
 * `walLimitBytes`, this thread asks the main thread to hold its writes (an
 * async lock: the event loop keeps serving), copies the few frames written
 * since the last tick with RESTART, which makes the next commit rewind the
 * WAL, and lets the writes go on. `walLimitBytes: Infinity` is the PASSIVE-only
 * policy from before, kept for the bench's baseline.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

export type CheckpointerMessage = 'pause' | 'resume' | 'closed';

const { file, intervalMs, walLimitBytes } = workerData as { file: string; intervalMs: number; walLimitBytes: number };
const db = new DatabaseSync(file);
db.exec('PRAGMA busy_timeout = 1000');
const frameBytes = (db.prepare('PRAGMA page_size').get() as { page_size: number }).page_size + 24;
const checkpoint = (mode: 'PASSIVE' | 'RESTART') => db.prepare(`PRAGMA wal_checkpoint(${mode})`).get() as { busy: number; log: number; checkpointed: number };
const post = (message: CheckpointerMessage) => parentPort?.postMessage(message);
let paused = false;

const timer = setInterval(() => {
  if (paused) return;
  try {
    const { log } = checkpoint('PASSIVE');
    if (log * frameBytes > walLimitBytes) {
      paused = true;
      post('pause');
    }
  } catch {
    // Busy or closing: the next tick tries again.
  }
}, intervalMs);

parentPort?.on('message', (message: 'paused' | 'close') => {
  if (message === 'paused') {
    try {
      // No writer now; a reader on another connection can still make this busy, and then the next tick asks again.
      checkpoint('RESTART');
    } catch {
      // As above.
    }
    paused = false;
    post('resume');
    return;
  }
  clearInterval(timer);
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } catch {
    // The main connection checkpoints on close anyway.
  }
  db.close();
  post('closed');
});

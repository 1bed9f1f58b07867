/**
 * SQLite WAL checkpoints in a worker thread. node:sqlite is synchronous, so a
 * checkpoint (which fsyncs the database file) on the main connection would
 * stall every request while it runs. The main connection turns automatic
 * checkpoints off; this thread, with its own connection, copies the WAL back
 * into the database every `intervalMs` without blocking writers (PASSIVE).
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
const db = new DatabaseSync(file);
db.exec('PRAGMA busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or closing: the next tick tries again.
  }
}, intervalMs);

parentPort?.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  try {
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } catch {
    // The main connection checkpoints on close anyway.
  }
  db.close();
  parentPort?.postMessage('closed');
});

/**
 * The writer sqlite-crash.test.ts kills: `node sqlite-crash.child.ts FILE FROM` commits batches of 100
 * rows numbered FROM, FROM+1, … as fast as the hub's play batches come (one turn of the event loop
 * apart), and prints a batch's number only once its commit has returned — what the hub acknowledges.
 * A tiny WAL limit and a fast checkpointer tick make the hold-and-RESTART of checkpointer.ts happen
 * every few batches, so kills land in it too.
 */
import { openSqlite } from './sqlite.ts';

const [file, from] = process.argv.slice(2);
const db = openSqlite(file!, { walLimitBytes: 256 * 1024, checkpointIntervalMs: 5 });
await db.exec('CREATE TABLE IF NOT EXISTS t (batch INTEGER NOT NULL, i INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (batch, i))');
for (let batch = Number(from); ; batch++) {
  const rows = Array.from({ length: 100 }, (_, i) => [batch, i, crypto.randomUUID().repeat(4)]);
  await db.tx((t) => t.runEach('INSERT INTO t (batch, i, body) VALUES ($1, $2, $3)', rows));
  // stdout to a pipe is written synchronously on Linux: the line is out before the next batch starts.
  process.stdout.write(`${batch}\n`);
  await new Promise((r) => setImmediate(r));
}

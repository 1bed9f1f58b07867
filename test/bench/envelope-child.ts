// Bench helper (envelope.bench.ts): a player core polling a playlist URL every POLL ms; prints READY once it plays,
// then, on each "report" line from stdin, its peak and current RSS (MB) after a full GC. Run with --expose-gc.
import { createPlayerCore } from '../../core/index.ts';
import { headlessPorts } from '../../core/ports.ts';

const [dataDir, playlistUrl, rootFile, poll] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
let peak = process.memoryUsage().rss;
setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10).unref();
const core = createPlayerCore({ dataDir: dataDir!, playlistUrl, rootFile, apiPort: 0, pollIntervalMs: Number(poll), pollJitter: 0, heartbeatIntervalMs: 3_600_000 }, headlessPorts);
await core.start();
if (core.state().phase !== 'ready') await new Promise((r) => core.on('adopted', r));
gc();
const mb = (n: number) => Math.round(n / 1e5) / 10;
process.stdout.write(`READY ${mb(process.memoryUsage().rss)}\n`);
peak = process.memoryUsage().rss;
process.stdin.setEncoding('utf8');
for await (const line of process.stdin) {
  if (String(line).trim() === 'stop') break;
  gc();
  process.stdout.write(`RSS ${mb(peak)} ${mb(process.memoryUsage().rss)}\n`);
}
await core.stop();
process.exit(0);

// The player process the crash harness kills: a real core, renderer play events
// through the real local API, and stdout lines the harness reads after the kill:
// `ACK <id>` per acknowledged record, `P <phase> <start|end> <id>` around each
// crash window (core/util/phase.ts). stdout to a pipe is synchronous on Linux,
// so every line written before the kill reaches the harness.
import { randomUUID } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import { PHASE_CHANNEL } from '../../core/util/phase.ts';
import { createPlayerCore } from '../../core/index.ts';
import { headlessPorts } from '../../core/ports.ts';

const [dataDir, playlistUrl, rootFile, reportUrl] = process.argv.slice(2);
if (!dataDir || !playlistUrl || !rootFile || !reportUrl) throw new Error('usage: child.ts DATA PLAYLIST_URL ROOT REPORT_URL');

// The harness starts each child while the previous one still lives, so that Node start-up and module
// loading are not on the clock; this one starts its core only on the harness's word (or exits with it).
process.stdin.once('end', () => process.exit(0));
await new Promise((resolve) => process.stdin.once('data', resolve));

subscribe(PHASE_CHANNEL, (m) => {
  const { name, edge, id } = m as { name: string; edge: string; id: string };
  process.stdout.write(`P ${name} ${edge} ${id}\n`);
});

const core = createPlayerCore(
  {
    dataDir,
    playlistUrl,
    rootFile,
    reportUrl,
    apiPort: 0,
    pollIntervalMs: 3_600_000,
    uploadIntervalMs: 150,
    heartbeatIntervalMs: 300,
    cacheQuotaBytes: 24 * 1024 * 1024,
    retryBaseMs: 50,
    idleTimeoutMs: 5_000,
  },
  headlessPorts,
);
await core.start();
const url = new URL(core.localUrl('main'));
const token = url.searchParams.get('token')!;
process.stdout.write('UP\n');

// Play events as fast as the API acknowledges them (each 202 means fsynced).
for (let i = 0; ; i++) {
  const playId = randomUUID();
  const at = new Date(Date.UTC(2026, 10, 20, 8, 0, i % 60)).toISOString();
  const base = { type: 'play', playId, channel: 'crash', playlistVersion: 1, display: 'main', zone: 'main', itemId: 'hello', kind: 'slide' };
  const res = await fetch(`${url.origin}/api/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify([
      { ...base, phase: 'start', at },
      { ...base, phase: 'end', at, outcome: 'completed' },
    ]),
  });
  await res.arrayBuffer();
  if (res.status === 202) process.stdout.write(`ACK ${playId}\n`);
}

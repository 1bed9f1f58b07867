// The player process the crash harness kills: a real core, renderer play events
// through the real local API, and one stdout line per acknowledged record.
import { randomUUID } from 'node:crypto';
import { createPlayerCore } from '../../core/index.ts';
import { headlessPorts } from '../../core/ports.ts';

const [dataDir, playlistUrl, rootFile, reportUrl] = process.argv.slice(2);
if (!dataDir || !playlistUrl || !rootFile || !reportUrl) throw new Error('usage: child.ts DATA PLAYLIST_URL ROOT REPORT_URL');

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

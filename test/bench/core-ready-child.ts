// Bench helper: start a player core on an existing data folder and print READY once it plays.
// Starts the way `pano` does (cli/pano.js): V8's code cache on before any module compiles.
import { enableCompileCache } from 'node:module';

enableCompileCache();
const { createPlayerCore } = await import('../../core/index.ts');
const { headlessPorts } = await import('../../core/ports.ts');

const [dataDir, playlistUrl, rootFile] = process.argv.slice(2);
const core = createPlayerCore({ dataDir: dataDir!, playlistUrl, rootFile, apiPort: 0, pollIntervalMs: 3_600_000, heartbeatIntervalMs: 3_600_000 }, headlessPorts);
await core.start();
if (core.state().phase !== 'ready') await new Promise((r) => core.on('adopted', r));
process.stdout.write('READY\n');
await core.stop();

/**
 * The hub under load, in its own process (so the load generator does not share
 * its event loop): `node hub-server.ts hub DIR N [passive-only]` starts a SQLite
 * hub with N paired screens and a published channel (passive-only: the WAL
 * checkpoint policy before issue 17, for hub-wal.bench.ts's baseline); `node hub-server.ts baseline` a bare
 * node:http server answering 204. Prints one JSON line, runs until stdin closes.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeBase64 } from '../../playlists/base64.ts';
import { keyPairFromSeed } from '../../playlists/keys.ts';
import { createHub } from '../../server/hub.ts';
import { confirmPairing, startPairing } from '../../server/devices/pairing.ts';
import { publishDraft, saveDraft } from '../../server/publish/channels.ts';
import { starterDraft } from '../../server/publish/drafts.ts';

const [mode, dir, count, policy] = process.argv.slice(2);
let close: () => Promise<void>;

if (mode === 'baseline') {
  const server = createServer((_req, res) => {
    res.writeHead(204);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  close = () => new Promise((r) => server.close(() => r()));
  console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
} else {
  const hub = await createHub({ dataDir: dir!, port: 0, ...(policy === 'passive-only' ? { sqlite: { walLimitBytes: Infinity } } : {}) });
  const ctx = hub.context;
  await saveDraft(ctx, 'bench', starterDraft('Bench'), 'bench', false);
  await publishDraft(ctx, 'bench', 'bench');
  const devices = [];
  const fakeReq = { headers: { host: new URL(hub.url).host }, socket: {} } as never;
  for (let i = 0; i < Number(count ?? 20); i++) {
    const seed = new Uint8Array(32).fill(i + 1);
    const key = keyPairFromSeed(seed);
    const id = `bench-${i}-${randomUUID().slice(0, 6)}`;
    const start = await startPairing(ctx, fakeReq, { deviceId: id, publicKey: encodeBase64(key.publicKey), appVersion: 'bench' });
    await confirmPairing(ctx, { code: start.code, name: id, group: null, tags: [], timeZone: 'Asia/Ho_Chi_Minh', displays: [{ id: 'main', orientation: 'landscape', touch: false }], channel: 'bench', volume: 100, language: null, power: null, operatingHours: null }, 'bench');
    const row = await ctx.db.get<{ token: string }>('SELECT token FROM pairings WHERE id = $1', [start.pairingId]);
    devices.push({ id, token: row!.token, seed: Buffer.from(seed).toString('hex') });
  }
  close = () => hub.close();
  console.log(JSON.stringify({ url: hub.url, devices }));
}

process.stdin.resume();
process.stdin.on('end', () => void close().then(() => process.exit(0)));

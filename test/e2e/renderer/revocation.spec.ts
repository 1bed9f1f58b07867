/**
 * Revocation that means it, end to end: a real hub, a real core paired
 * through a proxy the test controls, and the screen's page in Chromium. A
 * forged 401 (unsigned or signed by a stranger's key) changes nothing; the
 * hub's own signed notice makes the screen drop its pairing, show a new code,
 * and pair again without anyone deleting files.
 */
import { expect, test } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlayerCore, type CoreEvents, type PlayerCore } from '../../../core/index.ts';
import { headlessPorts } from '../../../core/ports.ts';
import { serializeEnvelope, signEnvelope } from '../../../playlists/dsse.ts';
import { generateKeyPair } from '../../../playlists/keys.ts';
import { PAYLOAD_TYPES } from '../../../playlists/schemas/envelope.ts';
import { opJson, publishChannel, simpleDraft, startTestHub, type TestHub } from '../hub/helpers.ts';

type Forge = null | ((path: string) => { status: number; body: string });

/** Passes everything to the hub (Host kept, so the hub hands out the proxy's URLs), unless `forge` answers instead. */
async function startProxy(target: string): Promise<{ url: string; forge: Forge; close(): Promise<void> }> {
  const to = new URL(target);
  const proxy = { url: '', forge: null as Forge, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const forged = proxy.forge?.(req.url ?? '/');
    if (forged) return res.writeHead(forged.status, { 'content-type': 'application/json' }).end(forged.body);
    const up = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    res.on('close', () => up.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
  return proxy;
}

function next<K extends keyof CoreEvents>(core: PlayerCore, event: K, pred: (d: CoreEvents[K]) => boolean = () => true): Promise<CoreEvents[K]> {
  return new Promise((resolve) => {
    const off = core.on(event, (d) => pred(d) && (off(), resolve(d)));
  });
}
const codeShown = (core: PlayerCore, not?: string) => next(core, 'state', (s) => s.pairing !== null && s.pairing.code !== not).then((s) => s.pairing!.code);

let hub: TestHub | undefined;
let core: PlayerCore | undefined;
let proxy: Awaited<ReturnType<typeof startProxy>> | undefined;
let dataDir: string | undefined;
test.afterEach(async () => {
  await core?.stop();
  await proxy?.close();
  await hub?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('revocation: a forged 401 changes nothing; the hub’s signed notice brings back the pairing screen with a new code, and the screen pairs again', async ({ page }, info) => {
  hub = await startTestHub('sqlite');
  const t = hub;
  proxy = await startProxy(t.url);
  dataDir = await mkdtemp(join(tmpdir(), 'pano-revoke-'));
  const id = 'gate-3';
  core = createPlayerCore({ dataDir, hubUrl: proxy.url, deviceId: id, apiPort: 0, pairingPollMs: 200, pollIntervalMs: 3_600_000, heartbeatIntervalMs: 3_600_000, revocationCheckMs: 1 }, headlessPorts);
  const c = core;
  const firstCode = codeShown(c);
  await c.start();
  await publishChannel(t, 'gate-ads', simpleDraft('gate-ads', { tags: ['gate'] }));
  const adopted = next(c, 'adopted');
  await opJson(t.url, t.admin, 'POST', '/api/pairings/confirm', { code: await firstCode, name: 'Cổng 3', tags: ['gate'] });
  expect(await adopted).toMatchObject({ channel: 'gate-ads', version: 1 });
  const firstKey = await readFile(join(dataDir, 'device.key'), 'utf8');

  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(c.localUrl('main'));
  await expect(page.locator('[data-view="pairing"]')).toHaveCount(0);

  // A proxy answers 401 to everything, with a notice that is unsigned, then one signed by a key the screen does not trust.
  const notice = JSON.stringify({ type: 'revocation', deviceId: id, deviceKeyId: 'a'.repeat(64), revokedAt: new Date().toISOString() });
  const forgeries: { revocation: number; body: string; code: string }[] = [
    { revocation: 401, body: '{"error":"unauthorized"}', code: 'HTTP_STATUS' },
    { revocation: 200, body: notice, code: 'SCHEMA_INVALID' },
    { revocation: 200, body: serializeEnvelope(signEnvelope(PAYLOAD_TYPES.revocation, new TextEncoder().encode(notice), [generateKeyPair()])), code: 'SIGNATURE_INVALID' },
  ];
  for (const f of forgeries) {
    proxy.forge = (path) => ({ status: path.endsWith('/revocation') ? f.revocation : 401, body: f.body });
    const refused = next(c, 'error', (e) => e.message.startsWith('a 401 from the hub, but no revocation the screen can trust'));
    c.syncNow();
    expect((await refused).code).toBe(f.code);
    expect(c.state()).toMatchObject({ phase: 'ready', pairing: null, playlist: { channel: 'gate-ads', version: 1 } });
  }
  proxy.forge = null;
  expect(JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8'))).toHaveProperty('deviceToken');

  // The operator revokes it: the hub ends its push stream, the reconnect gets 401, the signed notice is fetched and believed.
  const revoked = next(c, 'revoked');
  const secondCode = codeShown(c, await firstCode);
  await opJson(t.url, t.admin, 'POST', `/api/devices/${id}/revoke`);
  expect(await revoked).toMatchObject({ type: 'revocation', deviceId: id });
  const code = await secondCode;
  expect(c.state()).toMatchObject({ phase: 'pairing', playlist: null });
  const view = page.locator('[data-view="pairing"]');
  await expect(view.locator('.pairing-code')).toHaveText(code);
  const shot = await page.screenshot();
  await info.attach('pairing screen after revocation', { body: shot, contentType: 'image/png' });
  if (process.env.PANO_SHOT_DIR) await import('node:fs/promises').then((fs) => fs.writeFile(join(process.env.PANO_SHOT_DIR!, 'revoked-pairing.png'), shot));

  // The pairing is gone from disk and the device key is new; pairing again needs nothing deleted by hand.
  const config = JSON.parse(await readFile(join(dataDir, 'config.json'), 'utf8')) as Record<string, unknown>;
  expect(config).not.toHaveProperty('deviceToken');
  expect(config.hubUrl).toBe(proxy.url);
  expect(await readFile(join(dataDir, 'device.key'), 'utf8')).not.toBe(firstKey);
  const again = next(c, 'adopted');
  await opJson(t.url, t.admin, 'POST', '/api/pairings/confirm', { code, name: 'Cổng 3', tags: ['gate'] });
  expect(await again).toMatchObject({ channel: 'gate-ads', version: 1 });
  await expect(view).toHaveCount(0);
  expect(c.state()).toMatchObject({ phase: 'ready', pairing: null });
});

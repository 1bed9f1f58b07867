/**
 * The operator's day through the JSON API, against a real hub and a real
 * player: createPlayerCore pairs with the hub by its code, syncs, and serves
 * the built renderer (renderer/dist) in a Chromium page, which plays the
 * channel and posts play events back through the core's outbox. The studio's
 * own browser tests (test/e2e/studio/) do the same through its pages.
 *
 * The one stand-in: the core runs without a shell, so its screenshot port is
 * Playwright's screenshot of the renderer page (what the Chromium shell's
 * DevTools capture would return).
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { createPlayerCore, type PlayerCore } from '../../../core/index.ts';
import { headlessPorts, type ShellPorts } from '../../../core/ports.ts';
import { op, opJson, simpleDraft, startTestHub, type TestHub } from './helpers.ts';

const RENDERER = join(import.meta.dirname, '..', '..', '..', 'renderer', 'dist');
const DEVICE = 'tsn-t1-gate-12';

let t: TestHub;
let core: PlayerCore;
let coreDir: string;
let player: Page | undefined;

test.beforeAll(async () => {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('renderer/dist is missing: run `npm run build:renderer` first (npm run test:e2e does)');
  t = await startTestHub('sqlite');
});

test.afterAll(async () => {
  await core?.stop();
  await t?.close();
  if (coreDir) rmSync(coreDir, { recursive: true, force: true });
});

/** A core event we wait for, with a message instead of a bare test timeout when it never comes. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms; core state: ${JSON.stringify(core.state().lastError)}`)), ms))]);
}

interface Fleet {
  devices: { id: string; online: boolean; playlist: { channel: string; version: number; title: string } | null; nowPlaying: { display: string; itemId: string; title: unknown }[] }[];
}

test('an operator pairs a real player, publishes, sees titles playing, commands it, takes it over and exports proof of play', async ({ browser }) => {
  test.setTimeout(120_000);
  coreDir = mkdtempSync(join(tmpdir(), 'pano-core-hub-'));
  const ports: ShellPorts = {
    ...headlessPorts,
    screenshot: async () => {
      if (!player) throw new Error('no player page yet');
      return player.screenshot({ type: 'png' });
    },
  };
  core = createPlayerCore(
    { dataDir: coreDir, hubUrl: t.url, deviceId: DEVICE, apiPort: 0, heartbeatIntervalMs: 1_000, uploadIntervalMs: 500, pairingPollMs: 200, rendererDir: RENDERER },
    ports,
  );
  const code = new Promise<string>((resolve) => core.on('state', (s) => s.pairing && resolve(s.pairing.code)));
  await core.start();
  const pairingCode = await within(code, 10_000, 'the player showing a pairing code');
  const paired = await opJson<{ deviceId: string }>(t.url, t.admin, 'POST', '/api/pairings/confirm', { code: pairingCode, name: 'Tân Sơn Nhất T1 gate 12', group: 'Sân bay Tân Sơn Nhất', tags: ['airport', 'city:hcm'] });
  expect(paired.deviceId).toBe(DEVICE);

  // A channel with titled items, addressed by tag alone (the player keeps the tags it got at pairing).
  await opJson(t.url, t.admin, 'POST', '/api/channels', { id: 'lobby', title: 'Lobby screens' });
  const draft = simpleDraft('Lobby screens', { tags: ['airport'] }) as Record<string, any>;
  draft.items.hello = { kind: 'slide', template: 'headline', duration: 2, title: { vi: 'Lời chào', en: 'Greeting' }, fields: { title: 'Chào mừng đến Cà Mau' } };
  draft.items.ocop = { kind: 'slide', template: 'headline', duration: 2, fields: { title: 'OCOP Cà Mau' } };
  draft.sequences.main.items = ['hello', 'ocop'];
  const saved = await opJson<{ state: string }>(t.url, t.admin, 'PUT', '/api/channels/lobby/draft', { draft, submit: true });
  expect(saved.state).toBe('submitted');
  const adopted = new Promise<void>((resolve) => core.on('adopted', (a) => a.channel === 'lobby' && resolve()));
  expect((await opJson<{ version: number }>(t.url, t.admin, 'POST', '/api/channels/lobby/publish')).version).toBe(1);
  await within(adopted, 15_000, 'the player adopting lobby v1');
  const detail = await opJson<{ state: string; history: { version: number; publishedBy: string }[] }>(t.url, t.admin, 'GET', '/api/channels/lobby');
  expect(detail).toMatchObject({ state: 'published', history: [{ version: 1, publishedBy: 'admin' }] });

  // The player shows it; the fleet shows its heartbeat and what it plays now, by title.
  player = await browser.newPage({ viewport: { width: 960, height: 540 } });
  const pageErrors: string[] = [];
  player.on('pageerror', (e) => pageErrors.push(e.message));
  await player.goto(core.localUrl('main'));
  await expect(player.getByText('Chào mừng đến Cà Mau').first()).toBeVisible({ timeout: 15_000 });
  const seen = new Set<string>();
  await expect(async () => {
    const mine = (await opJson<Fleet>(t.url, t.admin, 'GET', '/api/devices')).devices.find((d) => d.id === DEVICE)!;
    expect(mine.online).toBe(true);
    expect(mine.playlist).toMatchObject({ channel: 'lobby', version: 1, title: 'Lobby screens' });
    const now = mine.nowPlaying[0]!;
    expect(now.display).toBe('main');
    seen.add(JSON.stringify(now.title));
    // Both items, each by the name an operator gave it: the item's title, else its headline.
    expect([...seen].sort()).toEqual([JSON.stringify('OCOP Cà Mau'), JSON.stringify({ vi: 'Lời chào', en: 'Greeting' })].sort());
  }).toPass({ timeout: 20_000, intervals: [300] });

  // Screenshot command: pushed to the player, the image comes back and is served to operators.
  const { id: commandId } = await opJson<{ id: string }>(t.url, t.admin, 'POST', `/api/devices/${DEVICE}/command`, { name: 'screenshot' });
  let url = '';
  await expect(async () => {
    const { commands } = await opJson<{ commands: { id: string; screenshotUrl: string | null }[] }>(t.url, t.admin, 'GET', `/api/devices/${DEVICE}`);
    url = commands.find((c) => c.id === commandId)?.screenshotUrl ?? '';
    expect(url).not.toBe('');
  }).toPass({ timeout: 15_000 });
  const shot = await op(t.url, t.admin, 'GET', url);
  expect(shot.headers.get('content-type')).toBe('image/png');
  expect(PNG.sync.read(Buffer.from(await shot.arrayBuffer())).width).toBe(960);

  // Emergency takeover: one call, the player switches within 2 s, and back.
  const switched = new Promise<number>((resolve) => core.on('adopted', (a) => a.channel === 'emergency' && resolve(Date.now())));
  const clicked = Date.now();
  await opJson(t.url, t.admin, 'POST', '/api/emergency', { title: 'Bão số 9: tạm dừng lên máy bay' });
  expect((await within(switched, 5_000, 'the player adopting the takeover')) - clicked).toBeLessThan(2_000);
  await expect(player.getByText('Bão số 9: tạm dừng lên máy bay').first()).toBeVisible({ timeout: 5_000 });
  expect(await opJson(t.url, t.admin, 'GET', '/api/emergency')).toMatchObject({ active: true, title: 'Bão số 9: tạm dừng lên máy bay', by: 'admin' });
  const back = new Promise<void>((resolve) => core.on('adopted', (a) => a.channel === 'lobby' && resolve()));
  await opJson(t.url, t.admin, 'DELETE', '/api/emergency');
  await within(back, 5_000, 'the player returning to lobby');

  // Proof of play: the plays the renderer reported reach the hub; the CSV has their rows.
  await expect(async () => {
    const { rows } = await opJson<{ rows: { key: string; plays: number }[] }>(t.url, t.admin, 'GET', `/api/reports/plays?device=${DEVICE}&group=item`);
    expect(rows.find((r) => r.key === 'hello')?.plays).toBeGreaterThanOrEqual(1);
  }).toPass({ timeout: 20_000 });
  const csv = (await (await op(t.url, t.admin, 'GET', `/api/reports/plays.csv?device=${DEVICE}`)).text()).trim().split('\r\n');
  // One row per day, screen, display, channel, item and outcome (issue 15 added display, outcome and reason).
  expect(csv[0]).toBe('day,device,display,channel,item,outcome,reason,plays,seconds');
  const hello = csv.slice(1).map((l) => l.split(',')).find((c) => c[1] === DEVICE && c[3] === 'lobby' && c[4] === 'hello' && c[5] === 'completed');
  expect(hello, csv.join('\n')).toBeDefined();
  expect(hello![0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(pageErrors).toEqual([]);
  await player.close();
});

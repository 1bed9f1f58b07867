/**
 * The operator's day in the dashboard, in Chromium, against a real hub and a
 * real player: createPlayerCore pairs with the hub by its code, syncs, and
 * serves the built renderer (renderer/dist) in a second page, which plays the
 * channel and posts play events back through the core's outbox.
 *
 * The one stand-in: the core runs without a shell, so its screenshot port is
 * Playwright's screenshot of the renderer page (what the Chromium shell's
 * DevTools capture would return).
 */
import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlayerCore, type PlayerCore } from '../../../core/index.ts';
import { headlessPorts, type ShellPorts } from '../../../core/ports.ts';
import { simpleDraft, startTestHub, type TestHub } from './helpers.ts';

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

async function signIn(page: Page): Promise<void> {
  await page.goto(`${t.url}/`);
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill(t.adminPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Screens' })).toBeVisible();
}

test('an operator pairs a real player, publishes, commands it, takes it over and exports proof of play', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page);

  // A new player with no credentials asks the hub for a code and shows it.
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

  // Pair it by that code.
  await page.getByRole('link', { name: 'Pair a screen' }).first().click();
  await page.getByLabel('Code shown on the screen').fill(pairingCode);
  await page.getByLabel('Name').fill('Tân Sơn Nhất T1 gate 12');
  await page.getByLabel('Tags').fill('airport, city:hcm');
  await page.getByRole('button', { name: 'Pair screen' }).click();
  await expect(page.getByText('Screen paired.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tân Sơn Nhất T1 gate 12' })).toBeVisible();

  // Upload a picture (streamed by the dashboard script, hashed by the hub).
  const png = new PNG({ width: 64, height: 36 });
  png.data.fill(180);
  const picture = join(coreDir, 'ca-mau-ocop.png');
  writeFileSync(picture, PNG.sync.write(png));
  await page.getByRole('link', { name: 'Media' }).click();
  await page.getByLabel('Upload files').setInputFiles(picture);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(page.getByRole('cell', { name: 'ca-mau-ocop.png' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '64×36' })).toBeVisible();

  // Draft a channel in the JSON editor: a bad path is shown and nothing is lost; then fixed and published.
  await page.getByRole('link', { name: 'Channels' }).click();
  await page.getByLabel('New channel id').fill('lobby');
  await page.getByLabel('Title').fill('Lobby screens');
  await page.getByRole('button', { name: 'Create channel' }).click();
  const draft = simpleDraft('Lobby screens') as Record<string, any>;
  draft.items.hello = { kind: 'slide', template: 'headline', duration: 2, fields: { title: 'Chào mừng đến Cà Mau' } };
  draft.items.ocop = { kind: 'slide', template: 'headline', duration: -2, fields: { title: 'OCOP Cà Mau' } };
  draft.sequences.main.items = ['hello', 'ocop'];
  await page.getByLabel('Draft JSON').fill(JSON.stringify(draft, null, 2));
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('alert')).toContainText('items.ocop.duration');
  expect(await page.getByLabel('Draft JSON').inputValue()).toContain('OCOP Cà Mau');
  draft.items.ocop.duration = 2;
  await page.getByLabel('Draft JSON').fill(JSON.stringify(draft, null, 2));
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  // The forms for common cases: the audience, and the uploaded picture into the loop.
  // By tag alone: the player must have kept the tags it was given at pairing, or it refuses the
  // playlist (AUDIENCE_MISMATCH) and the adoption below never happens.
  await page.getByLabel('Every screen').uncheck();
  await page.getByLabel('Screens with any of these tags').fill('airport');
  await page.getByLabel('Screen ids').fill('');
  await page.getByRole('button', { name: 'Set audience' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.getByLabel('Seconds (images)').fill('2');
  await page.getByRole('button', { name: 'Add media' }).click();
  await expect(page.getByText('Added to the draft.')).toBeVisible();
  const saved = JSON.parse(await page.getByLabel('Draft JSON').inputValue()) as { audience: unknown; sequences: { main: { items: string[] } } };
  expect(saved.audience).toEqual({ all: false, tags: ['airport'], devices: [] });
  expect(saved.sequences.main.items).toHaveLength(3);
  const adopted = new Promise<void>((resolve) => core.on('adopted', (a) => a.channel === 'lobby' && resolve()));
  await page.getByRole('button', { name: 'Publish v1' }).click();
  await expect(page.getByText('Published and pushed to screens.')).toBeVisible();
  await within(adopted, 15_000, 'the player adopting lobby v1');

  // The player shows it; the fleet list shows its heartbeat and what it plays now.
  player = await browser.newPage({ viewport: { width: 960, height: 540 } });
  const pageErrors: string[] = [];
  player.on('pageerror', (e) => pageErrors.push(e.message));
  await player.goto(core.localUrl('main'));
  await expect(player.getByText('Chào mừng đến Cà Mau').first()).toBeVisible({ timeout: 15_000 });
  await page.getByRole('link', { name: 'Screens' }).click();
  const row = page.locator(`tr[data-device="${DEVICE}"]`);
  await expect(async () => {
    await page.reload();
    await expect(row.getByText('online')).toBeVisible({ timeout: 500 });
    await expect(row.locator('.playlist')).toContainText('lobby v1', { timeout: 500 });
    await expect(row.locator('.now-playing')).toContainText(/main\/main: (hello|ocop)/, { timeout: 500 });
  }).toPass({ timeout: 20_000 });

  // Screenshot command: pushed to the player, the image comes back and shows on the device page.
  await row.getByRole('link', { name: 'Tân Sơn Nhất T1 gate 12' }).click();
  await page.getByRole('button', { name: 'Screenshot' }).click();
  await expect(page.getByText('Command sent.')).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.locator('img#screenshot')).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  const width = await page.locator('img#screenshot').evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
  expect(width).toBe(960);

  // Emergency takeover: one click, the player switches within 2 s.
  await page.getByRole('link', { name: 'Emergency' }).click();
  await page.getByLabel('Headline').fill('Bão số 9: tạm dừng lên máy bay');
  const switched = new Promise<number>((resolve) => core.on('adopted', (a) => a.channel === 'emergency' && resolve(Date.now())));
  const clicked = Date.now();
  await page.getByRole('button', { name: 'Take over screens now' }).click();
  expect((await within(switched, 5_000, 'the player adopting the takeover')) - clicked).toBeLessThan(2_000);
  await expect(player.getByText('Bão số 9: tạm dừng lên máy bay').first()).toBeVisible({ timeout: 5_000 });
  await expect(page.getByRole('alert')).toContainText('Active: Bão số 9');
  const back = new Promise<void>((resolve) => core.on('adopted', (a) => a.channel === 'lobby' && resolve()));
  await page.getByRole('button', { name: 'End takeover' }).click();
  await within(back, 5_000, 'the player returning to lobby');

  // Proof of play: the plays the renderer reported reach the hub; export the CSV and check its rows.
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByLabel('Screen id').fill(DEVICE);
  await page.getByRole('combobox', { name: 'Per' }).selectOption('item');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.locator('#report-table tbody tr').filter({ hasText: 'hello' })).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await expect(page.locator('svg.chart')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('day,device,channel,item,plays,completed,seconds');
  const hello = csv.slice(1).map((l) => l.split(',')).find((c) => c[1] === DEVICE && c[2] === 'lobby' && c[3] === 'hello');
  expect(hello, csv.join('\n')).toBeDefined();
  expect(hello![0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(Number(hello![4])).toBeGreaterThanOrEqual(1);
  expect(csv.slice(1).every((l) => l.split(',')[1] === DEVICE)).toBe(true);
  expect(pageErrors).toEqual([]);
  await player.close();
});

/**
 * Issue 17's fleet operations against real parts: a real hub serving the built
 * studio, a real core with two displays ('main' and 'lobby') in the system
 * Chromium shell on Xvfb, and a paired simulated screen beside it.
 *
 * - The screenshot command yields one labelled PNG per display (the X screen
 *   cropped to each display, under a band naming it), each shown in the studio
 *   under its display's name and the time it was taken (hub zone, with seconds).
 * - A log pull shows lines the core really wrote to its log file (no token in
 *   them), and the download is that text as a text/plain attachment.
 * - A bulk command to a whole group reaches the real core and the simulated
 *   screen, after a confirmation naming how many screens; a bulk tag edit
 *   reaches both through the single-screen settings path. vi and en.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { startChromiumShell, type ChromiumShell } from '../../../core/chromium/index.ts';
import { labelBand } from '../../../core/chromium/x11-grab.ts';
import { createPlayerCore, type PlayerCore } from '../../../core/index.ts';
import { forwardingPorts } from '../../../core/ports.ts';
import { formatDateTimeSeconds } from '../../../studio/i18n/format.ts';
import { FakeDevice, op, openPush, opJson, startTestHub, type TestHub } from '../hub/helpers.ts';
import { startXvfb, type VirtualScreen } from '../shell/xvfb.ts';
import { expectAccessible, needBuilds, RENDERER, signIn, viContext, within } from './studio.ts';

const W = 640;
const H = 360;
const GROUP = 'Sảnh A';
const DEVICE = 'lobby-pc-1';
const displays = [
  { id: 'main', orientation: 'landscape', touch: false },
  { id: 'lobby', orientation: 'landscape', touch: false },
] as const;

let t: TestHub | undefined;
let screen: VirtualScreen | undefined;
let shell: ChromiumShell | undefined;
let core: PlayerCore | undefined;
let dataDir = '';

test.afterEach(async () => {
  for (const step of [() => shell?.stop(), () => core?.stop(), () => screen?.stop(), () => t?.close()]) await Promise.resolve().then(step).catch(() => undefined);
  [shell, core, screen, t] = [undefined, undefined, undefined, undefined];
});

/** A real core with two displays, paired to the hub in GROUP, its two windows side by side on one X screen. */
async function startTwoDisplayCore(hub: TestHub): Promise<void> {
  screen = await startXvfb(2 * W, H);
  dataDir = mkdtempSync(join(tmpdir(), 'pano-fleet-ops-'));
  let chromium: ChromiumShell | null = null;
  core = createPlayerCore(
    { dataDir, hubUrl: hub.url, deviceId: DEVICE, apiPort: 0, heartbeatIntervalMs: 1_000, uploadIntervalMs: 500, pairingPollMs: 200, rendererDir: RENDERER, displays: [...displays] },
    forwardingPorts('chromium', () => chromium),
  );
  const code = new Promise<string>((resolve) => core!.on('state', (s) => s.pairing && resolve(s.pairing.code)));
  await core.start();
  const paired = new Promise<void>((resolve) => core!.on('state', (s) => s.phase !== 'pairing' && resolve()));
  await opJson(hub.url, hub.admin, 'POST', '/api/pairings/confirm', { code: await within(code, 15_000, 'a pairing code'), name: 'Sảnh A – màn hình đôi', group: GROUP, displays });
  await within(paired, 15_000, 'the core paired');
  shell = chromium = await startChromiumShell({
    urls: displays.map((d) => core!.localUrl(d.id)),
    roles: displays.map((d) => d.id),
    dataDir,
    env: { ...process.env, DISPLAY: screen.display },
    log: () => undefined,
    monitors: Promise.resolve([
      { x: 0, y: 0, width: W, height: H },
      { x: W, y: 0, width: W, height: H },
    ]),
  });
  await shell.ready();
}

async function english(page: Page): Promise<void> {
  await page.getByRole('group', { name: 'Ngôn ngữ giao diện' }).getByRole('button', { name: 'English' }).click();
}

type Detail = { commands: { id: string; name: string; status: string; screenshots: { display: string; url: string; takenAt: string }[] }[] };

test('a screenshot of a two-display core: one labelled PNG per display in the studio; a log pull with lines the core wrote, downloadable', async ({ browser }) => {
  test.setTimeout(120_000);
  needBuilds();
  t = await startTestHub('sqlite');
  const page = await (await viContext(browser, 1280, 900)).newPage();
  await signIn(page, t.url, 'admin', t.adminPassword);
  await startTwoDisplayCore(t);
  await page.goto(`${t.url}/screens/${DEVICE}`);

  await page.getByRole('button', { name: 'Chụp màn hình' }).click();
  const shots = page.locator('figure.display-shot');
  await expect(shots).toHaveCount(2, { timeout: 30_000 });
  const detail = await opJson<Detail>(t.url, t.admin, 'GET', `/api/devices/${DEVICE}`);
  const command = detail.commands.find((c) => c.name === 'screenshot')!;
  expect(command.status).toBe('done');
  expect(command.screenshots.map((s) => s.display)).toEqual(['main', 'lobby']);
  for (const [i, s] of command.screenshots.entries()) {
    const at = formatDateTimeSeconds(s.takenAt, 'Asia/Ho_Chi_Minh');
    expect(at).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    await expect(shots.nth(i).locator('figcaption')).toHaveText(`${s.display} · chụp lúc ${at}`);
    const img = shots.nth(i).getByRole('img', { name: `Ảnh chụp màn hình “${s.display}” của Sảnh A – màn hình đôi` });
    await expect.poll(() => img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth)).toBe(W);
    // One display each, under its name band: the display's own size plus the band, not the whole X screen.
    const res = await page.request.get(`${t.url}${s.url}`);
    expect(res.headers()['content-type']).toBe('image/png');
    const png = PNG.sync.read(await res.body());
    expect([png.width, png.height]).toEqual([W, H + labelBand(H)]);
  }
  await page.screenshot({ path: test.info().outputPath('screenshots-vi.png'), fullPage: true });

  // The log: lines the core wrote to its file, pulled over the hub.
  await page.getByRole('button', { name: 'Lấy nhật ký' }).click();
  const region = page.getByRole('region', { name: 'Nội dung nhật ký' });
  await expect(region).toContainText(`command screenshot (${command.id})`, { timeout: 30_000 });
  const onDisk = readFileSync(join(dataDir, 'logs', 'player.log'), 'utf8');
  const shown = (await region.textContent())!;
  expect(onDisk).toContain(shown.trim().split('\n')[0]);
  expect(shown).toMatch(/phase pairing \(pairing code [A-Z0-9-]+\)/);
  const token = (JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8')) as { deviceToken: string }).deviceToken;
  expect(token.length).toBeGreaterThan(20);
  expect(onDisk).not.toContain(token);
  await expectAccessible(page, 'the screen page with its screenshots and log');
  await expect(page.getByTestId('log-facts')).toContainText(/^Lấy lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}: \d+ dòng/);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải nhật ký về (.log)' }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^pano-${DEVICE}-\\d{8}-\\d{6}\\.log$`));
  expect(readFileSync((await download.path())!, 'utf8')).toBe(shown);
  const file = await page.request.get(`${t.url}/api/devices/${DEVICE}/log`);
  expect(file.headers()['content-type']).toBe('text/plain; charset=utf-8');
  expect(file.headers()['content-disposition']).toMatch(/^attachment; filename="pano-/);

  // On a phone the log scrolls inside its box; the page itself does not scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await english(page);
  await expect(shots.first().locator('figcaption')).toHaveText(`main · taken at ${formatDateTimeSeconds(command.screenshots[0]!.takenAt, 'Asia/Ho_Chi_Minh')}`);
  await expect(page.getByRole('link', { name: 'Download the log (.log)' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('log-phone-en.png'), fullPage: true });
  await page.context().close();
});

test('a bulk command to a whole group reaches a real core and a simulated screen; a bulk tag edit reaches both (vi, en)', async ({ browser }) => {
  test.setTimeout(120_000);
  needBuilds();
  t = await startTestHub('sqlite');
  const page = await (await viContext(browser, 1280, 900)).newPage();
  await signIn(page, t.url, 'admin', t.adminPassword);
  await startTwoDisplayCore(t);
  const sim = await FakeDevice.pair(t, { name: 'Sảnh A – màn hình phụ', group: GROUP, tags: ['lobby'] });
  const other = await FakeDevice.pair(t, { name: 'Cổng 3', group: 'Cổng' });
  const push = await openPush(sim);
  await page.goto(`${t.url}/screens`);

  await page.getByLabel(`Chọn cả nhóm “${GROUP}” (2 màn hình)`).check();
  await expect(page.getByTestId('bulk-count')).toHaveText('Đã chọn 2 màn hình');
  await page.getByLabel('Lệnh', { exact: true }).selectOption({ label: 'Tải lại' });
  await page.getByRole('button', { name: 'Áp dụng…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gửi lệnh “Tải lại” tới 2 màn hình?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Sảnh A – màn hình đôi');
  await expect(dialog).toContainText('Sảnh A – màn hình phụ');
  await expectAccessible(page, 'the bulk confirmation');
  const reloaded = new Promise<string>((resolve) => core!.on('command', (c) => c.name === 'reload' && resolve(c.id)));
  await dialog.getByRole('button', { name: 'Áp dụng cho 2 màn hình' }).click();
  const results = page.getByTestId('bulk-results');
  await expect(results.locator('caption')).toHaveText('Kết quả: 2 / 2 màn hình thành công');
  await expect(results.locator(`tr[data-device="${DEVICE}"] td`).nth(1)).toHaveText('Xong');
  await expect(results.locator(`tr[data-device="${sim.id}"] td`).nth(1)).toHaveText('Xong');
  await expectAccessible(page, 'the fleet page with bulk results');
  // Each screen got it: the real core over its push stream, the simulated one on its own.
  const coreGot = await within(reloaded, 15_000, 'the real core receiving reload');
  const simGot = (await push.next((e) => e.event === 'command' && (e.data as { name: string }).name === 'reload', 15_000)).data as { id: string };
  expect(coreGot).not.toBe(simGot.id);
  push.close();
  const otherCommands = await opJson<Detail>(t.url, t.admin, 'GET', `/api/devices/${other.id}`);
  expect(otherCommands.commands).toEqual([]);

  // Settings in bulk, in English this time: add a tag to both, through the single-screen settings path.
  await english(page);
  await page.getByLabel('Action', { exact: true }).selectOption({ label: 'Change tags, time zone' });
  await page.getByLabel('Add tags (comma-separated)').fill('vip');
  await page.getByRole('button', { name: 'Apply…' }).click();
  const en = page.getByRole('dialog', { name: 'Change the tags and time zone of 2 screens?' });
  await en.getByRole('button', { name: 'Apply to 2 screens' }).click();
  await expect(page.getByTestId('bulk-results').locator('caption')).toHaveText('Result: 2 of 2 screens done');
  for (const id of [DEVICE, sim.id]) {
    const d = await opJson<{ device: { tags: string[] } }>(t.url, t.admin, 'GET', `/api/devices/${id}`);
    expect(d.device.tags).toContain('vip');
  }
  expect((await opJson<{ device: { tags: string[] } }>(t.url, t.admin, 'GET', `/api/devices/${sim.id}`)).device.tags).toEqual(['lobby', 'vip']);
  expect((await opJson<{ device: { tags: string[] } }>(t.url, t.admin, 'GET', `/api/devices/${other.id}`)).device.tags).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('bulk-en.png'), fullPage: true });

  // A screen that is gone is one failed row, not a failed action: the API answers per screen.
  const res = await op(t.url, t.admin, 'POST', '/api/fleet/command', { deviceIds: [sim.id, 'no-such-screen'], name: 'screenshot' });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { results: { deviceId: string; ok: boolean; error: { code: string } | null }[] };
  expect(body.results.map((r) => [r.deviceId, r.ok, r.error?.code ?? null])).toEqual([
    [sim.id, true, null],
    ['no-such-screen', false, 'NOT_FOUND'],
  ]);
  await page.context().close();
});

/**
 * The screen's page: whether the screen applied the settings saved there, and
 * revoking it. Revoking a screen takes a second step: a dialog that names the screen, in
 * Vietnamese and English. Cancelling (or Escape) leaves the screen paired;
 * confirming revokes it on the real hub. Volume and language edited there
 * reach a real core and its renderer page while it plays, and so do the
 * screen's own opening hours (black outside them). The studio is the
 * built one, in Debian's Chromium with a vi-VN browser.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlayerCore, type PlayerCore } from '../../../core/index.ts';
import { headlessPorts } from '../../../core/ports.ts';
import { FakeDevice, opJson, publishChannel, simpleDraft, startTestHub, type TestHub } from '../hub/helpers.ts';
import { makeVideo } from '../hub/media.ts';
import { expectAccessible, needBuilds, signIn, viContext } from './studio.ts';

const NAME = 'Sân bay – cổng 3';
let t: TestHub | undefined;
test.afterEach(async () => t?.close());

test('revoking a screen asks first, naming it, in vi and en; only the confirmation revokes it', async ({ browser }) => {
  needBuilds();
  t = await startTestHub('sqlite');
  const device = await FakeDevice.pair(t, { name: NAME });
  const page = await (await viContext(browser, 1280, 900)).newPage();
  await signIn(page, t.url, 'admin', t.adminPassword);
  await page.goto(`${t.url}/screens/${device.id}`);
  await expect(page.getByRole('heading', { name: NAME, level: 1 })).toBeVisible();
  const feed = () => device.get(`/feed/${device.id}.json`).then((r) => r.status);
  const unpublished = await feed(); // 404: nothing published, but the token is good

  const dialog = page.getByRole('dialog', { name: `Thu hồi màn hình “${NAME}”?` });
  await page.getByRole('button', { name: 'Thu hồi màn hình' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Màn hình sẽ ngừng phát nội dung ngay và hiện mã ghép nối mới.');
  await expectAccessible(page, 'the revoke dialog');
  await page.screenshot({ path: test.info().outputPath('revoke-dialog-vi.png') });
  await dialog.getByRole('button', { name: 'Huỷ' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Thu hồi màn hình' }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await feed()).toBe(unpublished);

  await page.getByRole('group', { name: 'Ngôn ngữ giao diện' }).getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Revoke screen' }).click();
  const en = page.getByRole('dialog', { name: `Revoke the screen “${NAME}”?` });
  await expect(en).toContainText('The screen stops showing content at once and shows a new pairing code.');
  await en.getByRole('button', { name: `Revoke “${NAME}”` }).click();
  await expect(page.getByText('Screen revoked.')).toBeVisible();
  expect(await feed()).toBe(401);
  await page.context().close();
});

test('the screen page says whether the screen applied the settings saved there, in vi and en', async ({ browser }) => {
  needBuilds();
  t = await startTestHub('sqlite');
  const device = await FakeDevice.pair(t, { name: NAME, tags: ['gate'] });
  const page = await (await viContext(browser, 1280, 900)).newPage();
  await signIn(page, t.url, 'admin', t.adminPassword);
  await page.goto(`${t.url}/screens/${device.id}`);
  const fact = page.getByTestId('settings-applied');
  await expect(fact).toHaveText('Màn hình chưa báo');
  // The screen reports the signed settings it applied (as a real core does after a settings event).
  const applied = { version: 7, tags: ['gate'], timeZone: 'Asia/Ho_Chi_Minh', displays: [{ id: 'main', orientation: 'landscape' as const, touch: false }] };
  expect((await device.post(`/api/devices/${device.id}/heartbeat`, device.heartbeat({ settings: applied }))).status).toBe(200);
  await expect(fact).toHaveText('Đã áp dụng (bản 7)', { timeout: 10_000 });
  // An edit the screen has not applied yet is pending.
  await page.getByLabel('Nhãn').fill('gate, vip');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(fact).toHaveText('Đang chờ màn hình áp dụng', { timeout: 10_000 });
  await page.getByRole('group', { name: 'Ngôn ngữ giao diện' }).getByRole('button', { name: 'English' }).click();
  await expect(fact).toHaveText('Waiting for the screen to apply them');
  expect((await device.post(`/api/devices/${device.id}/heartbeat`, device.heartbeat({ settings: { ...applied, version: 8, tags: ['vip', 'gate'] } }))).status).toBe(200);
  await expect(fact).toHaveText('Applied (version 8)', { timeout: 10_000 });
  await page.context().close();
});

/** What the clip on screen is set to while it plays. */
const sound = (page: Page) =>
  page
    .locator('[data-state="current"][data-item="clip"] video')
    .evaluate((v: HTMLVideoElement) => ({ muted: v.muted, volume: Math.round(v.volume * 100) / 100, playing: !v.paused && v.currentTime > 0 }));

test('volume and language edited on the screen page reach a real core and its renderer within seconds, while it keeps playing', async ({ browser }) => {
  test.setTimeout(120_000);
  needBuilds();
  t = await startTestHub('sqlite');
  const uploaded = await fetch(`${t.url}/api/media?name=clip.mp4`, { method: 'POST', headers: { cookie: t.admin.cookie, 'x-csrf-token': t.admin.csrf }, body: new Blob([new Uint8Array(makeVideo('libx264', 2))]) });
  const { sha256 } = (await uploaded.json()) as { sha256: string };
  const draft = {
    ...simpleDraft('lobby', { tags: ['lobby'] }),
    assets: { clip: { sha256 } },
    items: { clip: { kind: 'video', asset: 'clip', volume: 0.8 }, hello: { kind: 'slide', template: 'headline', duration: 2, fields: { title: { vi: 'Xin chào quý khách', en: 'Welcome, visitors' } } } },
    sequences: { main: { items: ['clip', 'hello'] } },
  };
  await publishChannel(t, 'lobby', draft);
  const dataDir = mkdtempSync(join(tmpdir(), 'pano-sound-'));
  let core: PlayerCore | undefined;
  try {
    // A real pairing: the core shows a code, the operator confirms it; the core then holds its own key and token.
    core = createPlayerCore({ dataDir, hubUrl: t.url, deviceId: 'sound-screen', apiPort: 0, pairingPollMs: 200, pollIntervalMs: 3_600_000, heartbeatIntervalMs: 3_600_000 }, headlessPorts);
    const player = core;
    const code = new Promise<string>((resolve) => player.on('state', (st) => st.pairing && resolve(st.pairing.code)));
    await core.start();
    const { deviceId } = await opJson<{ deviceId: string }>(t.url, t.admin, 'POST', '/api/pairings/confirm', { code: await code, name: NAME, tags: ['lobby'] });
    const device = { id: deviceId };
    const screen = await (await browser.newContext({ viewport: { width: 960, height: 540 } })).newPage();
    await screen.goto(core.localUrl('main'));
    await expect.poll(() => sound(screen).catch(() => null), { timeout: 20_000 }).toEqual({ muted: false, volume: 0.8, playing: true });
    // The slide's first line is in the screen's language (the second in the other hall language).
    const headline = screen.locator('[data-state="current"][data-item="hello"] .primary');
    await expect(headline).toHaveText('Xin chào quý khách', { timeout: 10_000 });
    expect(await screen.evaluate(() => document.documentElement.lang)).toBe('vi');
    // A page that reloaded would lose this: the settings must not restart the player.
    await screen.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));

    const studio = await (await viContext(browser, 1280, 900)).newPage();
    await signIn(studio, t.url, 'admin', t.adminPassword);
    await studio.goto(`${t.url}/screens/${device.id}`);
    await studio.getByLabel('Âm lượng (%)').fill('50');
    await studio.getByLabel('Ngôn ngữ mặc định').selectOption({ label: 'Tiếng Anh' });
    const edited = Date.now();
    await studio.getByRole('button', { name: 'Lưu' }).click();

    // The clip's own 0.8 times the screen's 50 %, on the element that plays; English on the page.
    await expect.poll(() => sound(screen).catch(() => null), { timeout: 10_000 }).toEqual({ muted: false, volume: 0.4, playing: true });
    await expect(headline).toHaveText('Welcome, visitors', { timeout: 10_000 });
    expect(await screen.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(Date.now() - edited).toBeLessThan(15_000);
    expect(await screen.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
    expect(core.state()).toMatchObject({ volume: 50, language: 'en', playlist: { channel: 'lobby' } });
    // The screen reports what it applied; the screen page says so.
    await expect(studio.getByTestId('settings-applied')).toHaveText(/^Đã áp dụng \(bản \d+\)$/, { timeout: 15_000 });
    // Turned down to silence: muted, and still playing.
    await studio.getByLabel('Âm lượng (%)').fill('0');
    await studio.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => sound(screen).catch(() => null), { timeout: 10_000 }).toEqual({ muted: true, volume: 0, playing: true });
    await screen.context().close();
    await studio.context().close();
  } finally {
    await core?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('the screen page shows the panel\'s power from the heartbeat, sets how it is switched, and wakes it, in vi and en', async ({ browser }) => {
  needBuilds();
  t = await startTestHub('sqlite');
  const device = await FakeDevice.pair(t, { name: NAME });
  const page = await (await viContext(browser, 1280, 900)).newPage();
  await signIn(page, t.url, 'admin', t.adminPassword);
  await page.goto(`${t.url}/screens/${device.id}`);
  const fact = page.getByTestId('display-power');
  await expect(fact).toHaveText('Màn hình chưa báo trạng thái nguồn.');
  const displayPower = { state: 'off' as const, backend: 'dpms' as const, since: '2026-12-04T15:00:00.000Z', lastError: null };
  expect((await device.post(`/api/devices/${device.id}/heartbeat`, device.heartbeat({ displayPower }))).status).toBe(200);
  // 22:00 in the hub's zone (Asia/Ho_Chi_Minh), dd/MM/yyyy.
  await expect(fact).toHaveText('Đã tắt (ngoài giờ hoạt động) từ 04/12/2026 22:00 qua DPMS', { timeout: 10_000 });

  await page.getByLabel('Tắt màn hình ngoài giờ hoạt động').selectOption('cec');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText('Đã lưu')).toBeVisible();
  await page.getByRole('button', { name: 'Bật màn hình ngay' }).click();
  await expect(page.getByRole('table', { name: 'Lệnh đã gửi' }).getByRole('cell', { name: 'Bật màn hình ngay' })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Tắt màn hình ngoài giờ hoạt động')).toHaveValue('cec');

  await page.getByRole('group', { name: 'Ngôn ngữ giao diện' }).getByRole('button', { name: 'English' }).click();
  await expect(fact).toHaveText('Off (outside operating hours) since 04/12/2026 22:00 through DPMS');
  await expect(page.getByRole('button', { name: 'Wake now' })).toBeVisible();
  await page.context().close();
});

/** HH:MM in Hồ Chí Minh City (the screen's zone) `hours` from now. */
const hcmTime = (hours: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.now() + hours * 3_600_000);

test('opening hours set on the screen page black out a real core\'s renderer within seconds; cleared, the content comes back', async ({ browser }) => {
  test.setTimeout(120_000);
  needBuilds();
  t = await startTestHub('sqlite');
  // The board's schedule has no operating hours: whatever goes black here is the screen's own setting.
  await publishChannel(t, 'lobby', simpleDraft('lobby', { tags: ['lobby'] }));
  const dataDir = mkdtempSync(join(tmpdir(), 'pano-hours-'));
  let core: PlayerCore | undefined;
  try {
    core = createPlayerCore({ dataDir, hubUrl: t.url, deviceId: 'hours-screen', apiPort: 0, pairingPollMs: 200, pollIntervalMs: 3_600_000, heartbeatIntervalMs: 3_600_000 }, headlessPorts);
    const player = core;
    const code = new Promise<string>((resolve) => player.on('state', (st) => st.pairing && resolve(st.pairing.code)));
    await core.start();
    const { deviceId } = await opJson<{ deviceId: string }>(t.url, t.admin, 'POST', '/api/pairings/confirm', { code: await code, name: NAME, tags: ['lobby'] });
    const screen = await (await browser.newContext({ viewport: { width: 960, height: 540 } })).newPage();
    await screen.goto(core.localUrl('main'));
    const playing = screen.locator('[data-state="current"][data-item="hello"]');
    await expect(playing).toBeVisible({ timeout: 20_000 });
    await screen.evaluate(() => ((window as unknown as { kept: boolean }).kept = true));

    const studio = await (await viContext(browser, 1280, 900)).newPage();
    await signIn(studio, t.url, 'admin', t.adminPassword);
    await studio.goto(`${t.url}/screens/${deviceId}`);
    const hours = studio.getByTestId('screen-hours');
    await expect(hours).toContainText('Không giới hạn: màn hình theo giờ hoạt động của lịch phát.');
    // A window two to three hours from now: closed at this moment, every day.
    const [opens, closes] = [hcmTime(2), hcmTime(3)];
    await hours.getByRole('button', { name: 'Thêm khung giờ mở cửa' }).click();
    await hours.getByLabel('Mở lúc').fill(opens);
    await hours.getByLabel('Đóng lúc').fill(closes);
    await expectAccessible(studio, 'the screen page with an opening-hours window');
    await hours.screenshot({ path: test.info().outputPath('screen-hours-vi.png') });
    const edited = Date.now();
    await studio.getByRole('button', { name: 'Lưu' }).click();

    await expect(screen.locator('[data-plan="black"]')).toBeVisible({ timeout: 10_000 });
    await expect(screen.locator('.slot')).toHaveCount(0);
    expect(Date.now() - edited).toBeLessThan(15_000);
    expect(core.state()).toMatchObject({ operatingHours: [{ start: opens, end: closes }], playlist: { channel: 'lobby' } });
    // Without a restart of the page, and the screen page shows what the screen applied.
    expect(await screen.evaluate(() => (window as unknown as { kept?: boolean }).kept)).toBe(true);
    await expect(studio.getByTestId('hours-applied')).toHaveText(`Mọi ngày ${opens}–${closes}`, { timeout: 15_000 });
    await expect(studio.getByTestId('settings-applied')).toHaveText(/^Đã áp dụng \(bản \d+\)$/);

    // Cleared through the operator API (the same door the page uses): the content plays again.
    // A bulk tag edit from the fleet page keeps them (it saves every setting the screen has).
    await opJson(t.url, t.admin, 'POST', '/api/fleet/settings', { deviceIds: [deviceId], addTags: ['museum'], removeTags: [] });
    const saved = await opJson<{ device: { operatingHours: unknown; tags: string[] } }>(t.url, t.admin, 'GET', `/api/devices/${deviceId}`);
    expect(saved.device).toMatchObject({ operatingHours: [{ start: opens, end: closes }], tags: ['lobby', 'museum'] });
    await expect(screen.locator('[data-plan="black"]')).toBeVisible();
    await hours.getByRole('button', { name: 'Bỏ' }).click();
    await expect(hours).toContainText('Không giới hạn');
    await studio.getByRole('button', { name: 'Lưu' }).click();
    await expect(playing).toBeVisible({ timeout: 10_000 });
    expect(core.state().operatingHours).toBeUndefined();
    await expect(studio.getByTestId('hours-applied')).toHaveText('Không giới hạn', { timeout: 15_000 });
    await studio.getByRole('group', { name: 'Ngôn ngữ giao diện' }).getByRole('button', { name: 'English' }).click();
    await expect(studio.getByTestId('hours-applied')).toHaveText('No limit');
    await screen.context().close();
    await studio.context().close();
  } finally {
    await core?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

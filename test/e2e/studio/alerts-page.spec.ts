/**
 * The studio's alerts page: an alert a real heartbeat opened, shown with the
 * screen's name and time in Vietnamese and English; the admin's settings form
 * saves through the API (secrets write-only); an editor sees the alerts but
 * not the form. The built studio in Debian's Chromium with a vi-VN browser.
 */
import { expect, test, type Page } from '@playwright/test';
import { addUser, FakeDevice, login, opJson, startTestHub, type TestHub } from '../hub/helpers.ts';
import { expectAccessible, needBuilds, signIn, viContext } from './studio.ts';

test.describe.configure({ mode: 'serial' });

const SCREEN = 'Chợ Bến Thành – cổng Nam';
let t: TestHub;
let page: Page;
let device: FakeDevice;

test.beforeAll(async ({ browser }) => {
  needBuilds();
  t = await startTestHub('sqlite');
  await opJson(t.url, t.admin, 'PUT', '/api/alerts/settings', { checkSeconds: 0.2, thresholds: { clockSkewSeconds: 60, freeDiskMb: 1 } });
  device = await FakeDevice.pair(t, { name: SCREEN, tags: ['q1'] });
  expect((await device.post(`/api/devices/${device.id}/heartbeat`, device.heartbeat({ clock: { skewMs: 600_000, corrected: false } }))).status).toBe(200);
  await expect.poll(async () => (await opJson<{ open: unknown[] }>(t.url, t.admin, 'GET', '/api/alerts')).open.length, { timeout: 10_000 }).toBe(1);
  page = await (await viContext(browser, 1440, 900)).newPage();
  await signIn(page, t.url, 'admin', t.adminPassword);
});

test.afterAll(async () => {
  await page?.context().close();
  await t?.close();
});

test('open and closed alerts, in Vietnamese and English, with the screen and dd/MM/yyyy HH:mm', async () => {
  await page.getByRole('link', { name: 'Cảnh báo' }).click();
  await expect(page.getByRole('heading', { name: 'Cảnh báo', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Đang mở (1)' })).toBeVisible();
  const row = page.locator('tr[data-rule="clockSkew"]');
  await expect(row).toContainText(SCREEN);
  await expect(row).toContainText('Đồng hồ lệch 600 giây');
  await expect(row.locator('td').nth(2)).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  await expectAccessible(page, 'the alerts page');

  // The clock is put right: the alert closes and moves to the past.
  expect((await device.post(`/api/devices/${device.id}/heartbeat`, device.heartbeat())).status).toBe(200);
  await expect.poll(async () => (await opJson<{ open: unknown[] }>(t.url, t.admin, 'GET', '/api/alerts')).open.length, { timeout: 10_000 }).toBe(0);
  await page.reload();
  await expect(page.getByText('Không có cảnh báo nào đang mở.')).toBeVisible();
  await expect(page.locator('tr[data-rule="clockSkew"] td').nth(3)).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);

  await page.getByRole('group', { name: 'Ngôn ngữ giao diện' }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Alerts', level: 1 })).toBeVisible();
  await expect(page.locator('tr[data-rule="clockSkew"]')).toContainText('Clock off by 600 s');
  await expect(page.getByText('No alert is open.')).toBeVisible();
  await page.getByRole('group', { name: 'Interface language' }).getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('heading', { name: 'Cảnh báo', level: 1 })).toBeVisible();
});

test('the admin sets SMTP, a webhook and recipients; secrets are stored, never shown', async () => {
  const form = page.getByRole('form', { name: 'Cài đặt cảnh báo' });
  await form.getByLabel('Gửi thư').check();
  await form.getByLabel('Máy chủ').fill('mail.example.org');
  await form.getByLabel('Tên đăng nhập').fill('pano');
  await form.getByLabel('Mật khẩu').fill('bí-mật');
  await form.getByLabel('Người gửi').fill('pano@example.org');
  await form.getByLabel('Gửi webhook').check();
  await form.getByLabel('Địa chỉ', { exact: true }).fill('https://hooks.example.org/pano');
  await form.getByLabel('Khóa ký HMAC').fill('k3y');
  await form.getByLabel('Không gửi trong giờ yên lặng (gửi gộp khi hết giờ)').check();
  await form.getByRole('button', { name: 'Thêm nhóm người nhận' }).click();
  await form.getByLabel('Nhãn', { exact: true }).fill('q1, q3');
  await form.getByLabel('Thư', { exact: true }).fill('ops-q1@example.org');
  await form.getByLabel('Thư', { exact: true }).blur();
  await expectAccessible(page, 'the alert settings form');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form.getByText('Đã lưu.')).toBeVisible();
  await expect(form.getByText('Đã lưu; để trống để giữ nguyên.')).toHaveCount(2);
  // A notice shown before the operator switches language is read again in the new one (useActionNotice keeps the key, not the sentence).
  await page.getByRole('group', { name: 'Ngôn ngữ giao diện' }).getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('form', { name: 'Alert settings' }).getByText('Saved.', { exact: true })).toBeVisible();
  await page.getByRole('group', { name: 'Interface language' }).getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(form.getByText('Đã lưu.')).toBeVisible();
  await expect(form.getByLabel('Mật khẩu')).toHaveValue('bí-mật'); // what was typed stays in the form until reload
  const stored = JSON.parse((await t.hub.context.db.get<{ value: string }>("SELECT value FROM settings WHERE key = 'alerts'"))!.value) as Record<string, unknown>;
  expect(stored).toMatchObject({
    smtp: { host: 'mail.example.org', port: 587, starttls: true, user: 'pano', password: 'bí-mật', from: 'pano@example.org' },
    webhook: { url: 'https://hooks.example.org/pano', secret: 'k3y' },
    quietHours: { from: '22:00', to: '06:00' },
    recipients: [{ tags: ['q1', 'q3'], emails: ['ops-q1@example.org'], webhook: true }],
  });
  await page.reload();
  await expect(page.getByRole('form', { name: 'Cài đặt cảnh báo' }).getByLabel('Mật khẩu')).toHaveValue('');
});

test('an editor sees the alerts, not the settings', async ({ browser }) => {
  await addUser(t, 'bien-tap', 'editor');
  await login(t.url, 'bien-tap', 'correct horse battery');
  const editor = await (await viContext(browser)).newPage();
  await signIn(editor, t.url, 'bien-tap', 'correct horse battery');
  await editor.goto(`${t.url}/alerts`);
  await expect(editor.getByRole('heading', { name: 'Đã đóng' })).toBeVisible();
  await expect(editor.locator('tr[data-rule="clockSkew"]')).toContainText(SCREEN);
  await expect(editor.getByRole('form', { name: 'Cài đặt cảnh báo' })).toHaveCount(0);
  await editor.context().close();
});

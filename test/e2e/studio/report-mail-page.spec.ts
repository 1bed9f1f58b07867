/**
 * The finance report's monthly mail on the studio's reports page (issue 17):
 * an admin fills the form in Vietnamese, saves it, and "send now" mails the
 * previous month's report through a real SMTP server (python3-aiosmtpd);
 * the same form reads in English. The studio is the built one, in Debian's
 * Chromium with a vi-VN browser.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { op, startTestHub, type TestHub } from '../hub/helpers.ts';
import { attachments, startSmtp, subjectOf, until, type SmtpServer } from '../hub/smtp.ts';
import { expectAccessible, needBuilds, signIn, viContext } from './studio.ts';

let t: TestHub | undefined;
let smtp: SmtpServer | undefined;
let dir: string | undefined;
test.afterEach(async () => {
  smtp?.stop();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('an admin sets the monthly report mail and sends it now; the mail arrives with the XLSX; the form reads in vi and en', async ({ browser }) => {
  test.setTimeout(120_000);
  needBuilds();
  dir = mkdtempSync(join(tmpdir(), 'pano-report-page-'));
  smtp = await startSmtp(dir);
  t = await startTestHub('sqlite', { alertLoop: false });
  expect((await op(t.url, t.admin, 'PUT', '/api/alerts/settings', { enabled: false, smtp: smtp.settings() })).status).toBe(200);

  const page = await (await viContext(browser, 1280, 900)).newPage();
  await signIn(page, t.url, 'admin', t.adminPassword);
  await page.goto(`${t.url}/reports`);
  const form = page.getByRole('form', { name: 'Gửi báo cáo tài chính qua thư hằng tháng' });
  await expect(form).toBeVisible();
  const sendNow = form.getByRole('button', { name: 'Gửi ngay báo cáo tháng trước' });
  await expect(sendNow).toBeDisabled(); // no recipient saved yet
  await form.getByLabel('Gửi hằng tháng').check();
  await form.getByLabel('Người nhận').fill('ketoan@example.org');
  await form.getByLabel('Ngày trong tháng (1–28)').fill('5');
  await form.getByLabel('Giờ (0–23)').fill('8');
  await form.getByLabel('PDF (để in)').uncheck();
  await form.getByLabel('Bộ phận').fill('Phòng Kế toán');
  await form.getByRole('button', { name: 'Lưu' }).click();
  await expect(form.getByText('Đã lưu.')).toBeVisible();
  await expectAccessible(page, 'the report mail form');
  const stored = (await (await op(t.url, t.admin, 'GET', '/api/reports/schedule')).json()) as Record<string, unknown>;
  expect(stored).toMatchObject({ enabled: true, recipients: ['ketoan@example.org'], dayOfMonth: 5, hour: 8, formats: ['xlsx'], lang: 'vi', department: 'Phòng Kế toán', smtpConfigured: true, sends: [] });

  await sendNow.click();
  await expect(form.getByText(/^Đã gửi báo cáo tháng \d{2}\/\d{4} cho 1 người nhận\.$/)).toBeVisible({ timeout: 30_000 });
  const mail = await until('the mail', 30_000, () => smtp!.mails()[0]);
  expect(mail.rcptTos).toEqual(['ketoan@example.org']);
  expect(subjectOf(mail)).toMatch(/^\[Pano\] Báo cáo tài chính tháng \d{2}\/\d{4}$/);
  const files = [...attachments(mail).keys()];
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/^finance-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.xlsx$/);

  await page.getByRole('group', { name: 'Ngôn ngữ giao diện' }).getByRole('button', { name: 'English' }).click();
  const en = page.getByRole('form', { name: 'Finance report by mail, every month' });
  await expect(en.getByRole('button', { name: 'Send last month’s report now' })).toBeEnabled();
  await expect(en.getByLabel('Day of the month (1–28)')).toHaveValue('5');
  await page.context().close();
});

/**
 * The finance report by mail (issue 17), end to end: a real hub on a clock
 * the test sets, a seeded November 2026, and a real SMTP server (Debian's
 * python3-aiosmtpd, STARTTLS and AUTH LOGIN required) that is not running
 * yet when the report falls due. The hub tries, is refused, backs off; the
 * server starts; the retry delivers one mail with the PDF and the XLSX. The
 * hub restarts on the same data and does not send the month again; the next
 * month goes on its own day. Nothing is awaited by sleeping: the test polls
 * the SMTP server's folder and the hub's database.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Workbook } from '../../../server/reports/exceljs.ts';
import { reportMailPass } from '../../../server/reports/report-mail.ts';
import { createHub, type Hub } from '../../../server/hub.ts';
import { login, op, opJson, startTestHub, type Session, type TestHub } from '../hub/helpers.ts';
import { attachments, freePort, smtpSettings, startSmtp, subjectOf, text, until, type SmtpServer } from '../hub/smtp.ts';
import { EXPECTED, seedMonth } from './seed-month.ts';

const TO = ['ketoan@example.org', 'giamdoc@example.org'];
const PDF = 'finance-2026-11-01-2026-11-30.pdf';
const XLSX = 'finance-2026-11-01-2026-11-30.xlsx';

let clock = Date.parse('2026-11-30T23:58:00Z'); // 01/12/2026 06:58 in Ho Chi Minh City
let t: TestHub | undefined;
let restarted: Hub | undefined;
let smtp: SmtpServer | undefined;
let dir: string | undefined;
let hubData: string | undefined;

test.afterAll(async () => {
  smtp?.stop();
  await restarted?.close();
  await t?.close();
  for (const d of [dir, hubData]) if (d) rmSync(d, { recursive: true, force: true });
});

function pdfText(pdf: Buffer): string {
  writeFileSync(join(dir!, 'r.pdf'), pdf);
  return execFileSync('pdftotext', ['-layout', join(dir!, 'r.pdf'), '-'], { encoding: 'utf8' });
}

const sends = (hub: Hub) => hub.context.db.all<{ period: string; state: string; attempts: number; last_error: string | null }>('SELECT period, state, attempts, last_error FROM report_sends ORDER BY period');

test('the previous month’s report is mailed on its day and hour, retried after a refusal, and sent once across a restart', async () => {
  test.setTimeout(300_000); // three PDFs printed by Chromium on a shared machine
  dir = mkdtempSync(join(tmpdir(), 'pano-report-mail-'));
  t = await startTestHub('sqlite', { now: () => clock, reportMailCheckMs: 200, alertLoop: false });
  await seedMonth(t.hub.context.db);
  const port = await freePort(); // nothing listens there yet
  expect((await op(t.url, t.admin, 'PUT', '/api/alerts/settings', { enabled: false, smtp: smtpSettings(port) })).status).toBe(200);
  const schedule = { enabled: true, recipients: TO, dayOfMonth: 1, hour: 7, formats: ['pdf', 'xlsx'], lang: 'vi', department: 'Phòng Tài chính – Kế toán' };
  const saved = await opJson<{ smtpConfigured: boolean; sends: unknown[] }>(t.url, t.admin, 'PUT', '/api/reports/schedule', schedule);
  expect(saved).toMatchObject({ ...schedule, smtpConfigured: true, sends: [] });

  // 06:58: not yet. One whole pass, awaited, records nothing.
  await reportMailPass(t.hub.context);
  expect(await sends(t.hub)).toEqual([]);

  // 07:00: due. The mail server is down: the attempt is recorded with its error and waits 2 s of the hub's clock.
  clock = Date.parse('2026-12-01T00:00:00Z');
  const refused = await until('the refused attempt', 30_000, async () => (await sends(t!.hub)).find((s) => s.attempts >= 1));
  expect(refused).toMatchObject({ period: '2026-11', state: 'pending', attempts: 1 });
  expect(refused.last_error).toMatch(/ECONNREFUSED/);

  // The server comes up; two seconds later (the backoff) the retry delivers.
  smtp = await startSmtp(dir, port);
  clock += 2_000;
  const mail = await until('the report mail', 60_000, () => smtp!.mails()[0]);
  expect(mail).toMatchObject({ tls: true, login: 'pano-hub', mailFrom: 'pano@example.org' });
  expect([...mail.rcptTos].sort()).toEqual([...TO].sort());
  expect(subjectOf(mail)).toBe('[Pano] Báo cáo tài chính tháng 11/2026');
  expect(text(mail)).toContain('từ 01/11/2026 đến 30/11/2026');
  const files = attachments(mail);
  expect([...files.keys()].sort()).toEqual([PDF, XLSX]);
  expect(files.get(PDF)!.type).toBe('application/pdf');

  const pdf = files.get(PDF)!.content;
  writeFileSync(test.info().outputPath('mailed-finance-vi.pdf'), pdf);
  const words = pdfText(pdf);
  for (const s of ['Báo cáo phát quảng cáo cho tài chính', 'Phòng Tài chính – Kế toán', '01/11/2026 – 30/11/2026', EXPECTED.names.gate, EXPECTED.names.square, 'STALLED: chưa sẵn sàng sau 5 giây']) expect(words, s).toContain(s);

  const book = new Workbook();
  await book.xlsx.load(files.get(XLSX)!.content as unknown as ArrayBuffer);
  expect(book.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Lượt phát', 'Lý do', 'Màn hình']);
  expect(book.getWorksheet('Tổng hợp')!.getCell('B2').value).toBe('Phòng Tài chính – Kế toán');
  const plays = (book.getWorksheet('Lượt phát')!.getSheetValues() as unknown[][]).slice(2);
  expect(plays.at(-1)!.slice(4, 7)).toEqual([EXPECTED.totals.started, EXPECTED.totals.completed, EXPECTED.totals.skipped]);

  await until('the month marked sent', 10_000, async () => ((await sends(t!.hub))[0]?.state === 'sent' ? true : undefined));
  expect(await sends(t.hub)).toEqual([{ period: '2026-11', state: 'sent', attempts: 2, last_error: null }]);

  // The hub restarts on the same data an hour later, still in the due month: nothing goes twice.
  const { hub: first, dataDir, adminPassword } = t;
  hubData = dataDir;
  t = undefined;
  await first.close();
  clock += 3_600_000;
  restarted = await createHub({ dataDir, port: 0, now: () => clock, reportMailCheckMs: 200, alertLoop: false });
  await reportMailPass(restarted.context);
  await reportMailPass(restarted.context);
  expect(smtp.mails()).toHaveLength(1);
  const admin: Session = await login(restarted.url, 'admin', adminPassword);
  const view = await opJson<{ sends: { period: string; state: string; sentAt: string }[] }>(restarted.url, admin, 'GET', '/api/reports/schedule');
  expect(view.sends).toEqual([{ period: '2026-11', state: 'sent', attempts: 2, sentAt: '2026-12-01T00:00:02.000Z', lastError: null }]);

  // 01/01/2027 07:00: December's report, once.
  clock = Date.parse('2027-01-01T00:00:00Z');
  const december = await until('December’s mail', 60_000, () => smtp!.mails()[1]);
  expect(subjectOf(december)).toBe('[Pano] Báo cáo tài chính tháng 12/2026');
  expect([...attachments(december).keys()].sort()).toEqual(['finance-2026-12-01-2026-12-31.pdf', 'finance-2026-12-01-2026-12-31.xlsx']);

  // "Send now" mails last month's report at once and records nothing: the schedule's rows stay as they were.
  // (A month on the hub's clock has ended the earlier session.)
  const now = await opJson<{ ok: boolean; period: string; recipients: number }>(restarted.url, await login(restarted.url, 'admin', adminPassword), 'POST', '/api/reports/schedule/send');
  expect(now).toEqual({ ok: true, period: '2026-12', recipients: 2, error: null });
  expect(smtp.mails()).toHaveLength(3);
  expect((await sends(restarted)).map((s) => [s.period, s.state])).toEqual([['2026-11', 'sent'], ['2026-12', 'sent']]);
});

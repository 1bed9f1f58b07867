import { parseJsonText, parseUnknown } from '../../playlists/parse.ts';
import { ReportSchedule, type ReportSentNow } from '../../playlists/schemas/report-schedule.ts';
import { addDays, instantOf, localMoment } from '../../playlists/scheduler/zoned-time.ts';
import type { z } from 'zod';
import { backoffMs, MAX_ATTEMPTS } from '../alerts/deliver.ts';
import { sendSmtp } from '../alerts/smtp.ts';
import { loadSettings } from '../alerts/store.ts';
import type { HubContext } from '../context.ts';
import { financeReport } from './finance.ts';
import { financePdfOf } from './finance-routes.ts';
import { financeFileName, financeXlsx } from './finance-xlsx.ts';

const KEY = 'report-schedule';
/** A claimed month is one process's for this long (printing the PDF takes seconds); a process that dies frees it. */
const CLAIM_MS = 10 * 60_000;

export async function loadSchedule(hub: HubContext): Promise<ReportSchedule> {
  const row = await hub.db.get<{ value: string }>('SELECT value FROM settings WHERE key = $1', [KEY]);
  return parseUnknown(ReportSchedule, row ? parseJsonText(row.value, 'report schedule') : {}, 'report schedule');
}

export async function saveSchedule(hub: HubContext, schedule: ReportSchedule): Promise<void> {
  const value = JSON.stringify(parseUnknown(ReportSchedule, schedule, 'report schedule'));
  await hub.db.run('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [KEY, value]);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** yyyy-MM → the month before. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** First and last day of a yyyy-MM month. */
export function monthDays(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
  return { from: `${period}-01`, to: addDays(`${next}-01`, -1) };
}

/**
 * The month to mail at `now`: the one before the current month (in the hub's
 * zone) once this month's day and hour have come; null before them. A hub
 * that was down on the day sends when it is back, later that month.
 */
export function duePeriod(now: number, s: Pick<ReportSchedule, 'dayOfMonth' | 'hour'>, timeZone: string): string | null {
  const month = localMoment(now, timeZone).date.slice(0, 7);
  return now < instantOf(`${month}-${pad(s.dayOfMonth)}`, s.hour * 60, timeZone) ? null : previousMonth(month);
}

const WORDS = {
  vi: {
    subject: (mm: string) => `[Pano] Báo cáo tài chính tháng ${mm}`,
    body: (mm: string, from: string, to: string) =>
      `Kính gửi,\n\nĐính kèm là báo cáo phát quảng cáo tháng ${mm} (từ ${from} đến ${to}): lượt phát theo màn hình và clip, thời gian hoạt động của màn hình và chuỗi bằng chứng phát.\n\nThư này do Pano gửi tự động mỗi tháng.\n`,
  },
  en: {
    subject: (mm: string) => `[Pano] Finance report for ${mm}`,
    body: (mm: string, from: string, to: string) =>
      `Hello,\n\nAttached is the advertising play report for ${mm} (${from} to ${to}): plays per screen and clip, screen availability and the proof-of-play chain.\n\nPano sends this mail every month.\n`,
  },
};

/** dd/MM/yyyy of a yyyy-MM-dd date (MM/yyyy of a month). */
const dmy = (date: string) => date.split('-').reverse().join('/');

/** Prints the month's report in the schedule's formats and mails it through the alerts' SMTP server. */
export async function mailReport(hub: HubContext, schedule: ReportSchedule, period: string): Promise<void> {
  const { smtp } = await loadSettings(hub);
  const { from, to } = monthDays(period);
  const report = await financeReport(hub.db, { from, to, timeZone: hub.timeZone }, schedule.department, hub.now());
  const attachments = [];
  if (schedule.formats.includes('pdf')) attachments.push({ filename: financeFileName(report, 'pdf'), content: await financePdfOf(report, schedule.lang), contentType: 'application/pdf' });
  if (schedule.formats.includes('xlsx')) attachments.push({ filename: financeFileName(report, 'xlsx'), content: await financeXlsx(report, schedule.lang), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const words = WORDS[schedule.lang];
  const mm = dmy(period); // yyyy-MM → MM/yyyy
  await sendSmtp(smtp, { to: schedule.recipients, subject: words.subject(mm), text: words.body(mm, dmy(from), dmy(to)), attachments, headers: { 'X-Pano-Report': period } });
}

/**
 * One pass of the monthly mail: the month that is due gets its row (the
 * primary key makes it once, whatever restarts or hub processes there are);
 * each pending month is claimed, sent, and marked sent, or retried later
 * with the alerts' backoff after the mail server refused it.
 */
export async function reportMailPass(hub: HubContext): Promise<void> {
  const schedule = await loadSchedule(hub);
  if (!schedule.enabled || schedule.recipients.length === 0) return;
  const now = hub.now();
  const period = duePeriod(now, schedule, hub.timeZone);
  if (period) await hub.db.run("INSERT INTO report_sends (period, state, attempts, next_at, created_at) VALUES ($1, 'pending', 0, $2, $2) ON CONFLICT (period) DO NOTHING", [period, now]);
  const due = await hub.db.all<{ period: string; attempts: number }>("SELECT period, attempts FROM report_sends WHERE state = 'pending' AND next_at <= $1 ORDER BY period", [now]);
  for (const row of due) {
    const claim = await hub.db.run("UPDATE report_sends SET claimed_until = $1 WHERE period = $2 AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < $3)", [now + CLAIM_MS, row.period, now]);
    if (claim.changes !== 1) continue;
    const attempts = Number(row.attempts) + 1;
    try {
      await mailReport(hub, schedule, row.period);
      await hub.db.run("UPDATE report_sends SET state = 'sent', sent_at = $1, attempts = $2, claimed_until = NULL, last_error = NULL WHERE period = $3", [hub.now(), attempts, row.period]);
      hub.log(`reports: finance report ${row.period} mailed to ${schedule.recipients.length} recipient(s)`);
    } catch (error) {
      const state = attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
      const reason = (error as Error).message.slice(0, 500);
      hub.log(`reports: finance report ${row.period} attempt ${attempts} failed: ${reason}${state === 'failed' ? ' (giving up)' : ''}`);
      await hub.db.run('UPDATE report_sends SET state = $1, attempts = $2, next_at = $3, claimed_until = NULL, last_error = $4 WHERE period = $5', [state, attempts, hub.now() + backoffMs(attempts), reason, row.period]);
    }
  }
}

/** "Send now": last month's report at once, with the saved settings; nothing is recorded, so the scheduled mail still goes. */
export async function sendReportNow(hub: HubContext): Promise<z.infer<typeof ReportSentNow>> {
  const schedule = await loadSchedule(hub);
  const period = previousMonth(localMoment(hub.now(), hub.timeZone).date.slice(0, 7));
  try {
    await mailReport(hub, schedule, period);
    return { ok: true, period, recipients: schedule.recipients.length, error: null };
  } catch (error) {
    return { ok: false, period, recipients: schedule.recipients.length, error: (error as Error).message.slice(0, 500) };
  }
}

export async function reportSends(hub: HubContext) {
  const rows = await hub.db.all<{ period: string; state: 'pending' | 'sent' | 'failed'; attempts: number; sent_at: number | null; last_error: string | null }>(
    'SELECT period, state, attempts, sent_at, last_error FROM report_sends ORDER BY period DESC LIMIT 24',
  );
  return rows.map((r) => ({ period: r.period, state: r.state, attempts: Number(r.attempts), sentAt: r.sent_at === null ? null : new Date(Number(r.sent_at)).toISOString(), lastError: r.last_error }));
}

/** The monthly mail's loop: a pass every `everyMs` (a minute on a real hub); passes never overlap. */
export function startReportMailer(hub: HubContext, everyMs: number): { close(): Promise<void> } {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    running ??= reportMailPass(hub)
      .catch((error: Error) => hub.log(`reports: ${error.stack ?? error.message}`))
      .finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}

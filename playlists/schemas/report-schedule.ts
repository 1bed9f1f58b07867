import { z } from 'zod';
import { Instant } from './common.ts';

/**
 * The finance report by mail (issue 17): once a month, on `dayOfMonth` at
 * `hour` in the hub's zone, the hub mails the previous month's finance report
 * to `recipients` through the alerts' SMTP settings. One JSON document in the
 * hub's `settings` table; each month sent is a row of `report_sends`, so a
 * restarted hub never sends a month twice.
 */
export const ReportFormat = z.enum(['pdf', 'xlsx']);
export type ReportFormat = z.infer<typeof ReportFormat>;

export const ReportSchedule = z.strictObject({
  enabled: z.boolean().default(false),
  recipients: z.array(z.email().max(254)).max(50).default([]),
  /** 1–28: every month has the day. */
  dayOfMonth: z.int().min(1).max(28).default(1),
  /** Hour of the day in the hub's zone. */
  hour: z.int().min(0).max(23).default(7),
  formats: z.array(ReportFormat).min(1).max(2).default(['pdf', 'xlsx']),
  lang: z.enum(['vi', 'en']).default('vi'),
  /** Printed in the report's header. */
  department: z.string().trim().max(120).default(''),
});
export type ReportSchedule = z.infer<typeof ReportSchedule>;

/** One month's mail: pending (retried with backoff after a refusal), sent, or failed after the last attempt. */
export const ReportSend = z.object({
  /** The month reported, yyyy-MM. */
  period: z.string(),
  state: z.enum(['pending', 'sent', 'failed']),
  attempts: z.int().min(0),
  sentAt: Instant.nullable(),
  lastError: z.string().nullable(),
});

export const ReportScheduleView = ReportSchedule.extend({
  /** False while the alerts page has no SMTP server: nothing can be sent. */
  smtpConfigured: z.boolean(),
  /** The newest months first. */
  sends: z.array(ReportSend),
});

/** "Send now": the previous month's report, mailed at once to the recipients (a test; no month is marked sent). */
export const ReportSentNow = z.object({
  ok: z.boolean(),
  period: z.string(),
  recipients: z.int().min(0),
  /** The mail server's refusal as it said it (not translated), when ok is false. */
  error: z.string().nullable(),
});

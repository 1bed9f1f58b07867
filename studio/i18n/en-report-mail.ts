import type { viReportMail } from './vi-report-mail.ts';

/** The monthly finance report mail (issue 17) in English: the same keys as vi-report-mail.ts. */
export const enReportMail: Readonly<Record<keyof typeof viReportMail, string>> = {
  'reportMail.title': 'Finance report by mail, every month',
  'reportMail.hint': 'On the day and hour chosen (time zone {zone}) the hub mails the previous month’s report to the recipients, through the mail server set on the Alerts page. Each month is sent once.',
  'reportMail.noSmtp': 'No mail server yet: set up SMTP on the Alerts page first.',
  'reportMail.enabled': 'Send every month',
  'reportMail.recipients': 'Recipients',
  'reportMail.recipientsHint': 'Mail addresses, separated by commas.',
  'reportMail.day': 'Day of the month (1–28)',
  'reportMail.hour': 'Hour (0–23)',
  'reportMail.formats': 'Attachments',
  'reportMail.pdf': 'PDF (to print)',
  'reportMail.xlsx': 'XLSX (Excel)',
  'reportMail.sendNow': 'Send last month’s report now',
  'reportMail.sendNowHint': 'A test with the saved settings; the month is still sent on schedule.',
  'reportMail.sentNow': 'Sent the report for {month} to {count} recipient(s).',
  'reportMail.refused': 'The mail server did not accept it: {error}',
  'reportMail.sends': 'Months sent',
  'reportMail.noneSent': 'No month sent yet.',
  'reportMail.month': 'Month',
  'reportMail.state': 'State',
  'reportMail.sentAt': 'Sent at',
  'reportMail.state.sent': 'Sent',
  'reportMail.state.pending': 'Retrying (attempt {attempts}): {error}',
  'reportMail.state.failed': 'Not sent after {attempts} {attempts|attempt|attempts}: {error}',
};

import { Workbook } from './exceljs.ts';
import type { FinanceReport } from '../../playlists/schemas/finance.ts';
import { FINANCE_LABELS, flagText, hours, type FinanceLang } from './finance-labels.ts';

/**
 * The finance report as an XLSX workbook, with exceljs: a maintained library
 * that writes real number formats, date cells and frozen header rows (a CSV
 * loses all three, and Excel opens a UTF-8 CSV of Vietnamese as mojibake).
 */
const COUNT = '#,##0';
const HOURS = '#,##0.0';
const DATE = 'dd/mm/yyyy';

/** A YYYY-MM-DD day as a date cell: midnight UTC, which Excel shows as that day whatever the reader's zone. */
const dateCell = (day: string) => new Date(`${day}T00:00:00Z`);

export async function financeXlsx(report: FinanceReport, lang: FinanceLang): Promise<Buffer> {
  const t = FINANCE_LABELS[lang];
  const book = new Workbook();
  book.creator = 'Pano';
  book.created = new Date(report.generatedAt);

  const summary = book.addWorksheet(t['sheet.summary']);
  summary.columns = [{ width: 34 }, { width: 22 }];
  summary.addRow([t.title]).font = { bold: true, size: 14 };
  summary.addRow([t.department, report.department]);
  const period = summary.addRow([t.period, dateCell(report.period.from), dateCell(report.period.to)]);
  period.getCell(2).numFmt = DATE;
  period.getCell(3).numFmt = DATE;
  summary.getColumn(3).width = 14;
  summary.addRow([t.timeZone, report.period.timeZone]);
  summary.addRow([]);
  summary.addRow([t.totals]).font = { bold: true };
  const tot = report.totals;
  const totals: [string, number, string][] = [
    [t.started, tot.started, COUNT],
    [t.completed, tot.completed, COUNT],
    [t.skipped, tot.skipped, COUNT],
    [t.interrupted, tot.interrupted, COUNT],
    [t.errors, tot.errors, COUNT],
    [t.seconds, tot.seconds, COUNT],
    [t.onlineHours, hours(tot.onlineSec), HOURS],
    [t.contentHours, hours(tot.contentSec), HOURS],
    [t.darkHours, hours(tot.darkSec), HOURS],
  ];
  for (const [label, value, fmt] of totals) summary.addRow([label, value]).getCell(2).numFmt = fmt;
  summary.addRow([]);
  summary.addRow([t.scheduledNote]);

  const plays = book.addWorksheet(t['sheet.plays'], { views: [{ state: 'frozen', ySplit: 1 }] });
  plays.columns = [
    { header: t.screen, width: 24 },
    { header: t.channel, width: 14 },
    { header: t.clip, width: 22 },
    ...[t.started, t.completed, t.skipped, t.interrupted, t.errors, t.seconds].map((header) => ({ header, width: 14, style: { numFmt: COUNT } })),
  ];
  plays.getRow(1).font = { bold: true };
  for (const r of report.rows) plays.addRow([r.deviceName, r.channel, r.itemId, r.started, r.completed, r.skipped, r.interrupted, r.errors, r.seconds]);
  const sumRow = plays.addRow([t.totals, '', '', tot.started, tot.completed, tot.skipped, tot.interrupted, tot.errors, tot.seconds]);
  sumRow.font = { bold: true };

  const reasons = book.addWorksheet(t['sheet.reasons'], { views: [{ state: 'frozen', ySplit: 1 }] });
  reasons.columns = [
    { header: t.screen, width: 24 },
    { header: t.clip, width: 22 },
    { header: t.outcome, width: 14 },
    { header: t.reason, width: 50 },
    { header: t.count, width: 10, style: { numFmt: COUNT } },
  ];
  reasons.getRow(1).font = { bold: true };
  for (const r of report.rows) for (const x of r.reasons) reasons.addRow([r.deviceName, r.itemId, t[`outcome.${x.outcome}`], x.reason ?? t.noReason, x.plays]);

  const screens = book.addWorksheet(t['sheet.screens'], { views: [{ state: 'frozen', ySplit: 1 }] });
  screens.columns = [
    { header: t.screen, width: 24 },
    ...[t.periodHours, t.onlineHours, t.contentHours, t.darkHours, t.offlineHours].map((header) => ({ header, width: 16, style: { numFmt: HOURS } })),
    { header: t.heartbeats, width: 12, style: { numFmt: COUNT } },
    { header: t.chain, width: 20 },
    { header: t.records, width: 10, style: { numFmt: COUNT } },
    { header: t.firstSeq, width: 12 },
    { header: t.lastSeq, width: 12 },
    { header: t.flags, width: 24 },
  ];
  screens.getRow(1).font = { bold: true };
  for (const s of report.screens) {
    const flags = flagText(s.chain.flags, t);
    screens.addRow([
      s.deviceName,
      hours(s.periodSec),
      hours(s.onlineSec),
      hours(s.contentSec),
      s.darkSec === null ? t.unknown : hours(s.darkSec),
      hours(s.periodSec - s.onlineSec),
      s.heartbeats,
      t[`status.${s.chain.status}`],
      s.chain.records,
      s.chain.firstSeq,
      s.chain.lastSeq,
      flags,
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const financeFileName = (report: FinanceReport, ext: 'pdf' | 'xlsx') => `finance-${report.period.from}-${report.period.to}.${ext}`;

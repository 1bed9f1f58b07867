import type { FinanceQuery, FinanceReport } from '../../playlists/schemas/finance.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import { dayNumber } from '../../playlists/scheduler/zoned-time.ts';
import type { HubContext } from '../context.ts';
import { api } from '../http/api.ts';
import { HttpError } from '../http/errors.ts';
import type { Ctx, Router } from '../http/router.ts';
import { financeReport } from './finance.ts';
import { financeHeaderFooter, financeHtml } from './finance-html.ts';
import { htmlToPdf } from './finance-pdf.ts';
import { financeFileName, financeXlsx } from './finance-xlsx.ts';

/** At most a year and a day: a report is read per month or quarter, and the availability walk is per minute. */
const MAX_DAYS = 367;

const PERIOD_ERRORS = {
  vi: { order: 'Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.', long: `Kỳ báo cáo dài tối đa ${MAX_DAYS} ngày.` },
  en: { order: 'The last day must be on or after the first day.', long: `A report covers at most ${MAX_DAYS} days.` },
};

function build(hub: HubContext, q: FinanceQuery) {
  const days = dayNumber(q.to) - dayNumber(q.from) + 1;
  if (days < 1) throw new HttpError(422, 'SCHEMA_INVALID', PERIOD_ERRORS[q.lang].order);
  if (days > MAX_DAYS) throw new HttpError(422, 'SCHEMA_INVALID', PERIOD_ERRORS[q.lang].long);
  return financeReport(hub.db, { from: q.from, to: q.to, timeZone: hub.timeZone }, q.department, hub.now());
}

/** The report printed as PDF: the download and the monthly mail print it the same way. */
export function financePdfOf(report: FinanceReport, lang: FinanceQuery['lang']): Promise<Buffer> {
  const { header, footer } = financeHeaderFooter(report, lang);
  return htmlToPdf(financeHtml(report, lang), header, footer);
}

function send(ctx: Ctx, type: string, name: string, bytes: Buffer): void {
  ctx.res.writeHead(200, { 'content-type': type, 'content-length': bytes.length, 'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  ctx.res.end(bytes);
}

export function financeRoutes(hub: HubContext, router: Router): void {
  api(hub, router, API.financeReport, ({ query }) => build(hub, query));
  api(hub, router, API.financeXlsx, async ({ ctx, query }) => {
    const report = await build(hub, query);
    send(ctx, API.financeXlsx.response.raw, financeFileName(report, 'xlsx'), await financeXlsx(report, query.lang));
  });
  api(hub, router, API.financePdf, async ({ ctx, query }) => {
    const report = await build(hub, query);
    send(ctx, API.financePdf.response.raw, financeFileName(report, 'pdf'), await financePdfOf(report, query.lang));
  });
}

import { readFileSync } from 'node:fs';
import type { FinanceReport } from '../../playlists/schemas/finance.ts';
import { dmy, dmyHm, FINANCE_LABELS, flagText, hours, type FinanceLang } from './finance-labels.ts';

/**
 * The finance report as one self-contained HTML page for Chromium to print.
 * The renderer's bundled Noto Sans subset is embedded (data: URLs), so the
 * Vietnamese marks are drawn by the project's font, not whatever the host has.
 */
const FONT_DIR = new URL('../../renderer/fonts/files/', import.meta.url);
let fontCss: string | undefined;

export function fonts(): string {
  fontCss ??= ([400, 700] as const)
    .map((w) => `@font-face{font-family:"Pano Latin";font-weight:${w};src:url(data:font/woff2;base64,${readFileSync(new URL(`pano-latin-${w}.woff2`, FONT_DIR)).toString('base64')}) format("woff2")}`)
    .join('\n');
  return fontCss;
}

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function financeHtml(report: FinanceReport, lang: FinanceLang): string {
  const t = FINANCE_LABELS[lang];
  const num = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 });
  const f = (v: number) => esc(num.format(v));
  const h = (sec: number) => f(hours(sec));
  const tot = report.totals;
  const cells = (vs: readonly string[], tag = 'td') => vs.map((v) => `<${tag}>${v}</${tag}>`).join('');
  const playRows = report.rows
    .map((r) => `<tr><td>${esc(r.deviceName)}</td><td class="text">${esc(r.channel)}</td><td class="text">${esc(r.itemId)}</td>${cells([r.started, r.completed, r.skipped, r.interrupted, r.errors, r.seconds].map(f))}</tr>`)
    .join('');
  const reasonRows = report.rows
    .flatMap((r) => r.reasons.map((x) => `<tr><td>${esc(r.deviceName)}</td><td class="text">${esc(r.itemId)}</td><td class="text">${esc(t[`outcome.${x.outcome}`])}</td><td class="text">${esc(x.reason ?? t.noReason)}</td><td>${f(x.plays)}</td></tr>`))
    .join('');
  const screenRows = report.screens
    .map((s) => {
      const flags = flagText(s.chain.flags, t);
      const seq = s.chain.firstSeq === null ? '–' : `${s.chain.firstSeq}–${s.chain.lastSeq}`;
      return `<tr><td>${esc(s.deviceName)}</td>${cells([h(s.onlineSec), h(s.contentSec), s.darkSec === null ? esc(t.unknown) : h(s.darkSec), h(s.periodSec - s.onlineSec), f(s.heartbeats)])}<td class="text">${esc(t[`status.${s.chain.status}`])}</td><td>${f(s.chain.records)}</td><td>${seq}</td><td class="text">${esc(flags)}</td></tr>`;
    })
    .join('');
  const period = `${dmy(report.period.from)} – ${dmy(report.period.to)}`;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(t.title)} ${period}</title><style>
${fonts()}
@page{size:A4 landscape;margin:20mm 12mm 14mm 12mm}
body{font-family:"Pano Latin",sans-serif;font-size:9pt;color:#111;margin:0}
h1{font-size:15pt;margin:0 0 4pt}h2{font-size:11pt;margin:14pt 0 4pt;break-after:avoid}
.meta{margin:0 0 6pt}.meta b{display:inline-block;min-width:30mm}
table{border-collapse:collapse;width:100%}th,td{border:0.5pt solid #999;padding:2pt 4pt;text-align:right;vertical-align:top}
th{background:#eee;text-align:center;font-size:8pt}td:first-child{white-space:nowrap}td:first-child,td.text,th:first-child{text-align:left}tr{break-inside:avoid}thead{display:table-header-group}
.totals td{font-weight:700}.note{font-size:8pt;color:#444;margin-top:6pt}
</style></head><body>
<h1>${esc(t.title)}</h1>
<p class="meta"><b>${esc(t.period)}:</b> ${period} (${esc(report.period.timeZone)})<br><b>${esc(t.department)}:</b> ${esc(report.department || '–')}</p>
<h2>${esc(t.totals)}</h2>
<table class="totals"><thead><tr>${cells([t.started, t.completed, t.skipped, t.interrupted, t.errors, t.seconds, t.onlineHours, t.contentHours, t.darkHours].map(esc), 'th')}</tr></thead>
<tbody><tr>${cells([...[tot.started, tot.completed, tot.skipped, tot.interrupted, tot.errors, tot.seconds].map(f), h(tot.onlineSec), h(tot.contentSec), h(tot.darkSec)])}</tr></tbody></table>
<p class="note">${esc(t.scheduledNote)}</p>
<h2>${esc(t.plays)}</h2>
<table><thead><tr>${cells([t.screen, t.channel, t.clip, t.started, t.completed, t.skipped, t.interrupted, t.errors, t.seconds].map(esc), 'th')}</tr></thead><tbody>${playRows}
<tr class="totals"><td>${esc(t.totals)}</td><td></td><td></td>${cells([tot.started, tot.completed, tot.skipped, tot.interrupted, tot.errors, tot.seconds].map(f))}</tr></tbody></table>
<h2>${esc(t.reasons)}</h2>
<table><thead><tr>${cells([t.screen, t.clip, t.outcome, t.reason, t.count].map(esc), 'th')}</tr></thead><tbody>${reasonRows || `<tr><td colspan="5">${esc(t.none)}</td></tr>`}</tbody></table>
<h2>${esc(t.availability)} · ${esc(t.chain)}</h2>
<table><thead><tr>${cells([t.screen, t.onlineHours, t.contentHours, t.darkHours, t.offlineHours, t.heartbeats, t.chain, t.records, `${t.firstSeq}–${t.lastSeq}`, t.flags].map(esc), 'th')}</tr></thead><tbody>${screenRows}</tbody></table>
</body></html>`;
}

/** Chromium's header and footer (printed in every page margin): period and department above, page numbers below. */
export function financeHeaderFooter(report: FinanceReport, lang: FinanceLang): { header: string; footer: string } {
  const t = FINANCE_LABELS[lang];
  const style = 'font-family:sans-serif;font-size:8pt;width:100%;margin:0 12mm;display:flex;justify-content:space-between;color:#333';
  return {
    header: `<div style="${style}"><span>${esc(t.title)}</span><span>${esc(t.period)}: ${dmy(report.period.from)} – ${dmy(report.period.to)}${report.department ? ` · ${esc(report.department)}` : ''}</span></div>`,
    footer: `<div style="${style}"><span>${esc(t.generated)}: ${dmyHm(report.generatedAt, report.period.timeZone)}</span><span>${esc(t.page)} <span class="pageNumber"></span> ${esc(t.of)} <span class="totalPages"></span></span></div>`,
  };
}

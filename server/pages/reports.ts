import type { PlayFilter, GroupRow } from '../reports/queries.ts';
import type { interactionStats } from '../reports/queries.ts';
import { html, type SafeHtml } from './html.ts';

/** Horizontal bar chart as inline SVG: no script, prints and exports as is. */
export function barChart(rows: readonly { label: string; value: number }[], unit: string): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">No plays in this range.</p>`;
  const max = Math.max(...rows.map((r) => r.value), 1);
  const barH = 22;
  const labelW = 200;
  const width = 720;
  const height = rows.length * (barH + 6) + 6;
  return html`<svg class="chart" role="img" aria-label="Plays per ${unit}" viewBox="0 0 ${width} ${height}" width="100%">
${rows.map((r, i) => {
  const y = 6 + i * (barH + 6);
  const w = Math.max(2, ((width - labelW - 70) * r.value) / max);
  return html`<g><text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label}</text><rect x="${labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH}" rx="3"></rect><text x="${labelW + w + 6}" y="${y + 15}">${r.value}</text></g>`;
})}
</svg>`;
}

export function reportsPage(f: PlayFilter, query: string, rows: GroupRow[], stats: Awaited<ReturnType<typeof interactionStats>>, error?: string): SafeHtml {
  const groups = ['day', 'channel', 'device', 'item'] as const;
  return html`
<h1>Proof of play</h1>
${error ? html`<p class="flash error" role="alert">${error}</p>` : ''}
<form method="get" action="/reports" class="card form inline">
  <label>From <input type="date" name="from" value="${f.from ?? ''}"></label>
  <label>To <input type="date" name="to" value="${f.to ?? ''}"></label>
  <label>Channel <input name="channel" value="${f.channel ?? ''}"></label>
  <label>Screen id <input name="device" value="${f.device ?? ''}"></label>
  <label>Item <input name="item" value="${f.item ?? ''}"></label>
  <label>Per <select name="group">${groups.map((g) => html`<option${g === f.group ? html` selected` : ''}>${g}</option>`)}</select></label>
  <button>Show</button>
  <a class="button secondary" id="csv" href="/api/reports/plays.csv${query ? `?${query}` : ''}" download>Export CSV</a>
</form>
<section class="card">
  <h2>Plays per ${f.group}</h2>
  ${barChart(rows.map((r) => ({ label: r.key, value: r.plays })), f.group)}
  <table class="small" id="report-table"><thead><tr><th>${f.group}</th><th>Plays</th><th>Completed</th><th>Seconds on screen</th></tr></thead>
  <tbody>${rows.map((r) => html`<tr><td>${r.key}</td><td>${r.plays}</td><td>${r.completed}</td><td>${r.seconds}</td></tr>`)}</tbody></table>
</section>
<section class="card">
  <h2>Kiosk interactions</h2>
  ${stats.byAction.length === 0
    ? html`<p class="muted">No interactions in this range.</p>`
    : html`<div class="grid">
    <div><h3>By action</h3>${barChart(stats.byAction.map((r) => ({ label: r.action, value: r.n })), 'action')}</div>
    <div><h3>By section</h3>${barChart(stats.bySection.map((r) => ({ label: r.section, value: r.n })), 'section')}</div>
    <div><h3>By language</h3>${barChart(stats.byLanguage.map((r) => ({ label: r.language, value: r.n })), 'language')}</div>
  </div>`}
</section>`;
}

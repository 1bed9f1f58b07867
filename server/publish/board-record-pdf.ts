import type { BoardRecord } from '../../playlists/schemas/root-prepare.ts';
import { dmyHm } from '../reports/finance-labels.ts';
import { esc, fonts } from '../reports/finance-html.ts';

/**
 * The board's record of a published version as a page to print and file
 * (through the finance report's door, server/reports/finance-pdf.ts):
 * Vietnamese by default, English with lang=en; times dd/MM/yyyy HH:mm in the
 * hub's zone; full key ids and the payload's sha256, so the paper can be
 * checked against the envelope with `pano verify --explain`.
 */

export type RecordLang = 'vi' | 'en';

const LABELS = {
  vi: {
    title: 'Biên bản ký duyệt nội dung',
    channel: 'Kênh',
    version: 'Phiên bản',
    sha: 'Mã băm SHA-256 của nội dung',
    published: 'Xuất bản lúc',
    publishedBy: 'Người xuất bản',
    root: 'Theo gốc tin cậy (root)',
    rule: 'Điều kiện',
    ruleText: (role: string, n: number) => `cần ${n} chữ ký khác nhau của vai trò ${role}`,
    signatures: 'Các chữ ký',
    n: 'STT',
    who: 'Người ký',
    at: 'Thời điểm ký',
    key: 'Mã khoá (keyid)',
    role: 'Vai trò của khoá',
    counts: 'Được tính',
    unknownSigner: 'không rõ',
    noRole: 'không thuộc vai trò nào',
    verdict: { counts: 'Có', notInRole: 'Không: khoá không thuộc vai trò ký nội dung', duplicate: 'Không: khoá đã ký rồi', invalid: 'Không: chữ ký không hợp lệ' },
    result: (n: number, of: number) => `Có ${n} chữ ký được tính trên ${of} chữ ký cần thiết: ${n >= of ? 'đạt' : 'chưa đạt'}.`,
    check: 'Kiểm tra ngoại tuyến',
    zone: 'Múi giờ',
    generated: 'Lập lúc',
    page: 'Trang',
    of: '/',
  },
  en: {
    title: 'Content signing record',
    channel: 'Channel',
    version: 'Version',
    sha: 'SHA-256 of the content',
    published: 'Published at',
    publishedBy: 'Published by',
    root: 'Under root',
    rule: 'Rule',
    ruleText: (role: string, n: number) => `needs ${n} distinct signature(s) of the ${role} role`,
    signatures: 'Signatures',
    n: 'No.',
    who: 'Signer',
    at: 'Signed at',
    key: 'Key id',
    role: "Key's role",
    counts: 'Counts',
    unknownSigner: 'unknown',
    noRole: 'no role',
    verdict: { counts: 'Yes', notInRole: 'No: the key is not in the content role', duplicate: 'No: the key already signed', invalid: 'No: invalid signature' },
    result: (n: number, of: number) => `${n} counting signature(s) of ${of} needed: ${n >= of ? 'met' : 'not met'}.`,
    check: 'Check offline',
    zone: 'Time zone',
    generated: 'Made at',
    page: 'Page',
    of: 'of',
  },
} as const;

const ROLE_NAMES: Record<RecordLang, Record<string, string>> = {
  vi: { board: 'hội đồng duyệt', publisher: 'máy chủ (publisher)', hub: 'máy chủ (hub)', emergency: 'khẩn cấp', root: 'gốc (root)' },
  en: { board: 'board', publisher: 'publisher', hub: 'hub', emergency: 'emergency', root: 'root' },
};

export function boardRecordHtml(record: BoardRecord, lang: RecordLang, timeZone: string): string {
  const t = LABELS[lang];
  const role = (r: string) => ROLE_NAMES[lang][r] ?? r;
  const rows = record.signatures
    .map(
      (s, i) =>
        `<tr><td>${i + 1}</td><td>${esc(s.by ?? t.unknownSigner)}</td><td>${dmyHm(s.at, timeZone)}</td><td class="key">${esc(s.keyid)}</td><td>${esc(s.roles.length ? s.roles.map(role).join(', ') : t.noRole)}</td><td>${esc(t.verdict[s.verdict])}</td></tr>`,
    )
    .join('');
  const counting = record.signatures.filter((s) => s.counts).length;
  const meta: [string, string][] = [
    [t.channel, `${esc(record.title)} (${esc(record.channel)})`],
    [t.version, String(record.version)],
    [t.sha, `<span class="key">${record.payloadSha256}</span>`],
    [t.published, `${dmyHm(record.publishedAt, timeZone)} (${esc(t.zone)}: ${esc(timeZone)})`],
    [t.publishedBy, esc(record.publishedBy)],
    [t.root, `v${record.rootVersion}`],
    [t.rule, esc(t.ruleText(role(record.contentRole), record.threshold))],
  ];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(t.title)} ${esc(record.channel)} v${record.version}</title><style>
${fonts()}
@page{size:A4 portrait;margin:18mm 14mm 16mm 14mm}
body{font-family:"Pano Latin",sans-serif;font-size:10pt;color:#111;margin:0}
h1{font-size:16pt;margin:0 0 8pt}h2{font-size:12pt;margin:14pt 0 4pt}
table{border-collapse:collapse;width:100%}th,td{border:0.5pt solid #999;padding:3pt 4pt;text-align:left;vertical-align:top}
th{background:#eee;font-size:9pt}.meta th{width:48mm;background:none}.key{font-size:8pt;word-break:break-all}
p.note{margin-top:10pt;font-size:9pt}code{font-size:8.5pt}
</style></head><body>
<h1>${esc(t.title)}</h1>
<table class="meta"><tbody>${meta.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${v}</td></tr>`).join('')}</tbody></table>
<h2>${esc(t.signatures)}</h2>
<table><thead><tr>${[t.n, t.who, t.at, t.key, t.role, t.counts].map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>
<p>${esc(t.result(counting, record.threshold))}</p>
<p class="note">${esc(t.check)}: <code>pano verify --explain --lang ${lang} ${esc(record.channel)}-v${record.version}.json --root root.json</code></p>
</body></html>`;
}

export function boardRecordHeaderFooter(record: BoardRecord, lang: RecordLang, timeZone: string, now: number): { header: string; footer: string } {
  const t = LABELS[lang];
  const style = 'font-family:sans-serif;font-size:8pt;width:100%;margin:0 14mm;display:flex;justify-content:space-between;color:#333';
  return {
    header: `<div style="${style}"><span>${esc(t.title)}</span><span>${esc(record.channel)} v${record.version}</span></div>`,
    footer: `<div style="${style}"><span>${esc(t.generated)}: ${dmyHm(new Date(now).toISOString(), timeZone)}</span><span>${esc(t.page)} <span class="pageNumber"></span> ${esc(t.of)} <span class="totalPages"></span></span></div>`,
  };
}

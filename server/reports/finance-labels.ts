/**
 * The finance report's words, Vietnamese first. The hub renders the files
 * itself (server/ may not import the studio's catalogues), so the two
 * languages sit here, and finance-labels.test.ts fails when one lacks a key.
 */
const vi = {
  title: 'Báo cáo phát quảng cáo cho tài chính',
  period: 'Kỳ báo cáo',
  department: 'Bộ phận',
  timeZone: 'Múi giờ',
  generated: 'Lập lúc',
  totals: 'Tổng cộng',
  plays: 'Lượt phát theo màn hình và clip',
  availability: 'Thời gian hoạt động màn hình',
  'sheet.summary': 'Tổng hợp',
  'sheet.plays': 'Lượt phát',
  'sheet.reasons': 'Lý do',
  'sheet.screens': 'Màn hình',
  chain: 'Chuỗi bằng chứng phát',
  reasons: 'Lý do không phát hết',
  screen: 'Màn hình',
  channel: 'Kênh',
  clip: 'Clip',
  started: 'Đã lên lịch (đã bắt đầu)',
  completed: 'Đã phát',
  skipped: 'Bỏ qua',
  interrupted: 'Bị ngắt',
  errors: 'Lỗi',
  seconds: 'Số giây hiển thị',
  outcome: 'Kết quả',
  reason: 'Lý do',
  count: 'Số lượt',
  periodHours: 'Giờ trong kỳ',
  onlineHours: 'Giờ trực tuyến',
  contentHours: 'Giờ có nội dung',
  darkHours: 'Giờ tắt theo giờ hoạt động',
  offlineHours: 'Giờ mất kết nối',
  heartbeats: 'Nhịp tín hiệu',
  status: 'Trạng thái',
  records: 'Bản ghi',
  firstSeq: 'Số thứ tự đầu',
  lastSeq: 'Số thứ tự cuối',
  flags: 'Cảnh báo',
  unknown: 'không rõ',
  none: 'không có',
  page: 'Trang',
  of: '/',
  'status.ok': 'liền mạch',
  'status.gap': 'có khoảng trống',
  'status.refused': 'có lô bị từ chối',
  'status.broken': 'bị phá vỡ',
  'outcome.completed': 'Đã phát',
  'outcome.skipped': 'Bỏ qua',
  'outcome.interrupted': 'Bị ngắt',
  'outcome.error': 'Lỗi',
  noReason: '(không nêu lý do)',
  'flag.gap': 'khoảng trống',
  'flag.broken': 'liên kết hỏng',
  'flag.reorder': 'sai thứ tự',
  'flag.edit': 'bị sửa',
  'flag.refused': 'lô bị từ chối',
  scheduledNote: '“Đã lên lịch” là số lượt trình lập lịch của màn hình đã bắt đầu; lượt lẽ ra phát khi màn hình tắt hoặc mất kết nối không được ghi lại (xem giờ mất kết nối).',
};

type Labels = Record<keyof typeof vi, string>;

const en: Labels = {
  title: 'Advertising play report for finance',
  period: 'Period',
  department: 'Department',
  timeZone: 'Time zone',
  generated: 'Generated',
  totals: 'Totals',
  plays: 'Plays by screen and clip',
  availability: 'Screen availability',
  'sheet.summary': 'Summary',
  'sheet.plays': 'Plays',
  'sheet.reasons': 'Reasons',
  'sheet.screens': 'Screens',
  chain: 'Proof-of-play chain',
  reasons: 'Why plays did not complete',
  screen: 'Screen',
  channel: 'Channel',
  clip: 'Clip',
  started: 'Scheduled (started)',
  completed: 'Completed',
  skipped: 'Skipped',
  interrupted: 'Interrupted',
  errors: 'Errors',
  seconds: 'Seconds shown',
  outcome: 'Outcome',
  reason: 'Reason',
  count: 'Plays',
  periodHours: 'Hours in period',
  onlineHours: 'Hours online',
  contentHours: 'Hours showing content',
  darkHours: 'Hours dark (operating hours)',
  offlineHours: 'Hours offline',
  heartbeats: 'Heartbeats',
  status: 'Status',
  records: 'Records',
  firstSeq: 'First seq',
  lastSeq: 'Last seq',
  flags: 'Flags',
  unknown: 'unknown',
  none: 'none',
  page: 'Page',
  of: '/',
  'status.ok': 'intact',
  'status.gap': 'has gaps',
  'status.refused': 'batches refused',
  'status.broken': 'broken',
  'outcome.completed': 'Completed',
  'outcome.skipped': 'Skipped',
  'outcome.interrupted': 'Interrupted',
  'outcome.error': 'Error',
  noReason: '(no reason given)',
  'flag.gap': 'gap',
  'flag.broken': 'broken link',
  'flag.reorder': 'reordered',
  'flag.edit': 'edited',
  'flag.refused': 'batch refused',
  scheduledNote: '“Scheduled” counts the plays the screens’ schedulers started; plays a screen would have started while off or offline are not recorded (see hours offline).',
};

export const FINANCE_LABELS = { vi, en } as const;
export type FinanceLang = keyof typeof FINANCE_LABELS;
export type FinanceLabels = Labels;

/** dd/MM/yyyy from YYYY-MM-DD. */
export const dmy = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** Hours with one decimal, as finance reads them. */
export const hours = (sec: number) => Math.round(sec / 360) / 10;

/** dd/MM/yyyy HH:mm (24-hour) of an instant in a zone. */
export function dmyHm(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** A screen's chain flags of the period in words: "khoảng trống: 1, …", or "không có". */
export function flagText(flags: Record<string, number>, t: Labels): string {
  const known = (k: string): k is 'gap' | 'broken' | 'reorder' | 'edit' | 'refused' => ['gap', 'broken', 'reorder', 'edit', 'refused'].includes(k);
  return Object.entries(flags).map(([k, v]) => `${known(k) ? t[`flag.${k}`] : k}: ${v}`).join(', ') || t.none;
}

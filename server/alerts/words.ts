import type { Alert, AlertMessage, AlertRule } from '../../playlists/schemas/alerts.ts';

/**
 * The mail's words, Vietnamese first and English below. They live with the
 * hub (the studio's catalogues are browser code the hub may not import); the
 * studio words the same alerts from its own catalogues.
 */
type P = Alert['params'];
const RULES: Record<AlertRule, { vi: (p: P) => string; en: (p: P) => string }> = {
  offline: { vi: (p) => `mất kết nối (không có tín hiệu ${p.minutes} phút)`, en: (p) => `offline (no heartbeat for ${p.minutes} min)` },
  stale: { vi: (p) => `đang phát nội dung cũ (${p.channel} v${p.version})`, en: (p) => `playing stale content (${p.channel} v${p.version})` },
  expired: { vi: (p) => `đang phát nội dung đã hết hạn (${p.channel} v${p.version})`, en: (p) => `playing expired content (${p.channel} v${p.version})` },
  skipping: { vi: (p) => `bỏ qua ${p.percent}% lượt phát trong ${p.minutes} phút (${p.skipped}/${p.plays})`, en: (p) => `skipped ${p.percent}% of plays in ${p.minutes} min (${p.skipped}/${p.plays})` },
  notReady: { vi: (p) => `chưa sẵn sàng ${p.minutes} phút sau khi xuất bản v${p.version}`, en: (p) => `not ready ${p.minutes} min after v${p.version} was published` },
  chain: { vi: (p) => `chuỗi bằng chứng phát có vấn đề (${p.status}, ${p.problems})`, en: (p) => `proof-of-play chain problem (${p.status}, ${p.problems})` },
  clockSkew: { vi: (p) => `đồng hồ lệch ${p.seconds} giây`, en: (p) => `clock off by ${p.seconds} s` },
  diskFull: { vi: (p) => `đĩa gần đầy (còn ${p.freeMb} MB)`, en: (p) => `disk nearly full (${p.freeMb} MB free)` },
};

/** dd/MM/yyyy HH:mm in the hub's zone. */
export function formatTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const v = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${v('day')}/${v('month')}/${v('year')} ${v('hour')}:${v('minute')}`;
}

export function ruleText(a: Alert, language: 'vi' | 'en'): string {
  return RULES[a.rule][language](a.params);
}

export function subject(m: AlertMessage): string {
  if (m.opened.length === 0) return `[Pano] Trở lại bình thường: ${m.closed.length} cảnh báo đã hết / Back to normal: ${m.closed.length} alert(s) cleared`;
  const screens = new Set(m.opened.map((a) => a.deviceId)).size;
  return `[Pano] Cảnh báo: ${screens} màn hình / Alert: ${screens} screen(s)`;
}

export function body(m: AlertMessage, timeZone: string): string {
  const line = (a: Alert, language: 'vi' | 'en', closed: boolean) =>
    `- ${formatTime(closed ? a.closedAt! : a.openedAt, timeZone)}  ${a.deviceName}: ${ruleText(a, language)}`;
  const part = (language: 'vi' | 'en') => {
    const out: string[] = [];
    if (m.opened.length) out.push(language === 'vi' ? `Cảnh báo mới (${m.opened.length}):` : `New alerts (${m.opened.length}):`, ...m.opened.map((a) => line(a, language, false)), '');
    if (m.closed.length) out.push(language === 'vi' ? `Trở lại bình thường (${m.closed.length}):` : `Back to normal (${m.closed.length}):`, ...m.closed.map((a) => line(a, language, true)), '');
    return out.join('\n');
  };
  const zone = `(${timeZone})`;
  return `${part('vi')}Giờ theo múi giờ của hub ${zone}.\n\n----- English -----\n\n${part('en')}Times in the hub's zone ${zone}.\n`;
}

/**
 * Dates, times, sizes and numbers as operators read them: dd/MM/yyyy, 24-hour,
 * always in the hub's zone (never the browser's), decimal comma in Vietnamese.
 */
export type StudioLang = 'vi' | 'en';

const cache = new Map<string, Intl.DateTimeFormat>();

function dtf(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    // en-GB gives dd/MM/yyyy and 24-hour times; the format is the same in both languages.
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', ...options });
    cache.set(key, f);
  }
  return f;
}

const toMs = (at: number | string | Date) => (typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime());

/** dd/MM/yyyy in the zone. */
export function formatDate(at: number | string | Date, timeZone: string): string {
  return dtf(timeZone, { day: '2-digit', month: '2-digit', year: 'numeric' }).format(toMs(at));
}

/** HH:mm in the zone, 24-hour. */
export function formatTime(at: number | string | Date, timeZone: string): string {
  return dtf(timeZone, { hour: '2-digit', minute: '2-digit' }).format(toMs(at));
}

/** dd/MM/yyyy HH:mm in the zone. */
export function formatDateTime(at: number | string | Date, timeZone: string): string {
  return `${formatDate(at, timeZone)} ${formatTime(at, timeZone)}`;
}

/** dd/MM/yyyy HH:mm:ss in the zone: when a screenshot or a log was taken. */
export function formatDateTimeSeconds(at: number | string | Date, timeZone: string): string {
  return `${formatDate(at, timeZone)} ${dtf(timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(toMs(at))}`;
}

/** A YYYY-MM-DD local date shown as dd/MM/yyyy (no zone: it already is a wall date). */
export function formatLocalDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** dd/MM/yyyy → YYYY-MM-DD, or null when it is not a real date. */
export function parseLocalDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function formatNumber(n: number, lang: StudioLang, digits = 0): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** 1 536 000 → "1,5 MB" (vi) / "1.5 MB" (en): powers of 1024, one decimal from KB up. */
export function formatSize(bytes: number, lang: StudioLang): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${formatNumber(value, lang, unit === 0 ? 0 : 1)} ${UNITS[unit]}`;
}

/** mm:ss, or h:mm:ss past an hour: clip lengths. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

import type { CapInfo, CapSettings, EmergencyRequest } from '../../playlists/schemas/emergency-api.ts';
import type { CapAlert, CapInfoBlock } from './parse.ts';

/**
 * From a CAP alert to the bilingual emergency draft the duty officer signs:
 * the `<info>` in Vietnamese and the one in English (a missing language is
 * filled from the other), kept only when an `<areaDesc>` names the configured
 * area and the severity reaches the configured one. The takeover lasts until
 * the alert's `expires`, never longer than `maxMinutes` (the root's maximum).
 */

const SEVERITY = ['Unknown', 'Minor', 'Moderate', 'Severe', 'Extreme'] as const;

/** Lowercase, no diacritics (đ → d): "Cà Mau", "CA MAU" and "ca mau" name one place. */
export function plain(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** `sender,identifier`: what CAP's `references` name an earlier alert by. */
export const capKey = (sender: string, identifier: string) => `${sender},${identifier}`;

/** The earlier alerts an Update or Cancel refers to. */
export function referencedKeys(alert: CapAlert): string[] {
  return (alert.references ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((ref) => ref.split(','))
    .filter((parts) => parts.length >= 2)
    .map(([sender, identifier]) => capKey(sender!, identifier!));
}

function iconOf(info: CapInfoBlock): EmergencyRequest['icon'] {
  const text = plain(`${info.event} ${info.headline ?? ''} ${info.category.join(' ')}`);
  if (/\b(bao|typhoon|storm|cyclone|ap thap)\b/.test(text)) return 'storm';
  if (/\b(lu|lut|flood|ngap|trieu cuong)\b/.test(text)) return 'flood';
  if (/\b(fire|chay)\b/.test(text)) return 'fire';
  return 'warning';
}

const clip = (text: string | undefined, max: number) => (text ?? '').replace(/\s+/g, ' ').trim().slice(0, max);

export interface CapDraft {
  request: EmergencyRequest & { durationMinutes: number };
  info: CapInfo;
}

/** The draft this alert makes, or null (not Actual, not an alert or update, another area, too mild, already expired). */
export function draftFromAlert(alert: CapAlert, settings: CapSettings, now: number, maxMinutes: number): CapDraft | null {
  if (alert.status !== 'Actual' || (alert.msgType !== 'Alert' && alert.msgType !== 'Update')) return null;
  const area = plain(settings.area);
  const here = alert.info.filter((i) => i.area.some((a) => plain(a.areaDesc).includes(area)));
  const vi = here.find((i) => i.language.toLowerCase().startsWith('vi'));
  const en = here.find((i) => i.language.toLowerCase().startsWith('en'));
  const main = vi ?? en;
  if (!main) return null;
  if (SEVERITY.indexOf(main.severity) < SEVERITY.indexOf(settings.minSeverity)) return null;
  const expiries = [vi?.expires, en?.expires].filter((e): e is string => e !== undefined).map(Date.parse).filter((t) => !Number.isNaN(t));
  const expires = expiries.length ? Math.min(...expiries) : null;
  const left = expires === null ? maxMinutes : Math.floor((expires - now) / 60_000);
  if (left < 1) return null;
  const other = en ?? main;
  return {
    request: {
      title: clip(main.headline ?? main.event, 200),
      message: clip(main.instruction ?? main.description, 500),
      titleEn: clip(other.headline ?? other.event, 200),
      messageEn: clip(other.instruction ?? other.description, 500),
      icon: iconOf(main),
      devices: [],
      durationMinutes: Math.min(left, maxMinutes),
    },
    info: {
      identifier: alert.identifier,
      sender: alert.sender,
      sent: alert.sent,
      msgType: alert.msgType,
      event: main.event,
      severity: main.severity,
      areas: [...new Set(here.flatMap((i) => i.area.map((a) => a.areaDesc)))],
      expires: expires === null ? null : new Date(expires).toISOString(),
    },
  };
}

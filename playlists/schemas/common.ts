import { z } from 'zod';

/** Lowercase hex sha256 (64 characters). */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex characters (sha256)');

/** RFC 3339 / ISO 8601 instant with an explicit offset, e.g. 2026-11-20T08:00:00Z. */
export const Instant = z.iso.datetime({ offset: true });

/** Calendar date in the screen's time zone: YYYY-MM-DD. */
export const LocalDate = z.iso.date();

/** Wall-clock time in the screen's time zone: HH:MM, 00:00–24:00. */
export const LocalTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected HH:MM between 00:00 and 24:00');

/** IANA time zone name, e.g. Asia/Ho_Chi_Minh. Checked against the runtime's zone database. */
export const TimeZone = z.string().min(1).refine(isKnownTimeZone, { message: 'unknown IANA time zone', params: { rule: 'timeZone' } });

// Building an Intl.DateTimeFormat loads ICU zone data: tens of ms each on a small
// signage PC, and the player's state (with its zone) is parsed on every update.
const knownZones = new Map<string, boolean>();

export function isKnownTimeZone(zone: string): boolean {
  let known = knownZones.get(zone);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      known = true;
    } catch {
      known = false;
    }
    // Bounded: names come from untrusted input too.
    if (knownZones.size > 1_000) knownZones.clear();
    knownZones.set(zone, known);
  }
  return known;
}

/** Identifier used for channels, items, assets, layouts, pages: safe in URLs and file names. */
export const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'expected 1–128 of A–Z a–z 0–9 . _ - (not starting with . _ -)');

/** A screen's audience tag (playlists address screens by them). */
export const Tag = z.string().regex(/^[a-z0-9][a-z0-9:._-]{0,63}$/, 'expected a lowercase tag such as airport or city:hcm');

/** BCP 47 language tag, as used in the playlist: vi, en, fr, zh, zh-Hant, ja, ko, th, id, ms, km, lo, my, fil… */
export const Lang = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as vi, en or zh-Hant');

/**
 * A text shown to people: either one string, or a map language → string.
 * The renderer picks: requested language → screen default → vi → en → first.
 */
export const LocalizedText = z.union([
  z.string(),
  z.record(Lang, z.string()).refine((m) => Object.keys(m).length > 0, { message: 'needs at least one language', params: { rule: 'needsLanguage' } }),
]);
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Seconds, positive, at most one day. */
export const Seconds = z.number().positive().max(86_400);

/** Colour as #rgb or #rrggbb. */
export const Color = z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'expected #rgb or #rrggbb');

/**
 * A URL in a playlist: absolute http(s), or relative to the playlist's own URL.
 * No other schemes (javascript:, file:, data:) ever reach a screen.
 */
export const MediaUrl = z
  .string()
  .min(1)
  .max(2048)
  .refine((u) => {
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(u)?.[1]?.toLowerCase();
    if (scheme === undefined) return !u.startsWith('//') && !u.includes('\\');
    return scheme === 'http' || scheme === 'https';
  }, { message: 'expected an http(s) URL or a path relative to the playlist', params: { rule: 'mediaUrl' } });

/** An absolute http(s) URL (live streams, QR targets). */
export const AbsoluteUrl = z
  .string()
  .max(2048)
  .refine((u) => /^https?:\/\/[^\s/]+/i.test(u), { message: 'expected an absolute http(s) URL', params: { rule: 'absoluteUrl' } });

import { isComplete, kioskTexts } from '../../playlists/kiosk-texts.ts';
import type { Kiosk } from '../../playlists/schemas/kiosk.ts';
import type { DisplayConfig } from '../../playlists/schemas/local-api.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';

/** The kiosk pages this display offers: only on touch displays the playlist's kiosk names (or all, when it names none). */
export function kioskFor(playlist: Playlist, display: DisplayConfig): Kiosk | null {
  const kiosk = playlist.kiosk;
  if (!kiosk || !display.touch) return null;
  if (kiosk.displays && !kiosk.displays.includes(display.id)) return null;
  return kiosk;
}

/**
 * Languages offered in the picker: the kiosk's list (with `offer: complete`,
 * only those in which every text exists), screen default first if the list lacks it.
 */
export function pickerLanguages(kiosk: Kiosk, screenDefault: string): string[] {
  const texts = kiosk.offer === 'complete' ? kioskTexts(kiosk) : [];
  const offered = kiosk.languages.filter((lang) => kiosk.offer === 'listed' || isComplete(texts, lang));
  return offered.includes(screenDefault) ? offered : [screenDefault, ...offered];
}

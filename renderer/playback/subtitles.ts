import { subtitleLanguages } from '../i18n/index.ts';
import type { ResolvedItem } from './types.ts';

/**
 * The subtitle languages a video shows on one pass, top to bottom, by the
 * rules texts follow (renderer/i18n `subtitleLanguages`, as the kiosk video):
 *
 * - `rotate` / `both` (the item's mode, else defaults.languages): one track
 *   per language chain of the pass, i.e. the pass's language for rotate and
 *   two languages for both, each falling back along the chain.
 * - no mode (or `one`): subtitles are an operator's choice, so only the
 *   languages of defaults.subtitles are switched on (none when it is empty);
 *   among them the screen's language wins, else the first preferred one.
 */
export function subtitlesToShow(res: Pick<ResolvedItem, 'subtitles' | 'languages' | 'subtitlePreference'>, chains: readonly (readonly string[])[]): string[] {
  const tracks = Object.fromEntries(res.subtitles.map((s) => [s.lang, s.src]));
  if (res.languages && res.languages.show !== 'one') return subtitleLanguages(tracks, chains, res.subtitlePreference);
  const enabled = Object.fromEntries(res.subtitlePreference.filter((l) => tracks[l] !== undefined).map((l) => [l, tracks[l]!]));
  return subtitleLanguages(enabled, chains.slice(0, 1), res.subtitlePreference);
}

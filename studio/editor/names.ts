import type { LocalizedText } from '../../playlists/schemas/common.ts';
import { itemTitle as derivedTitle } from '../../playlists/titles.ts';
import type { MediaItem } from '../../playlists/schemas/operator-api.ts';
import type { I18n } from '../i18n/index.tsx';
import { pickText } from '../i18n/pick.ts';
import type { JsonObject } from './draft-ops.ts';

type Raw = Record<string, unknown>;

/** What an operator calls an item (playlists/titles.ts, as the fleet names it), in the operator's language; else its id. */
export function itemTitle(draft: JsonObject, id: string, lang: string, media: readonly MediaItem[] = []): string {
  const item = (draft.items as Record<string, unknown> | undefined)?.[id];
  return pickText(derivedTitle(item, draft.assets, (sha) => media.find((m) => m.sha256 === sha)), lang) || id;
}

/** A loop by its title; an untitled one by the schedule entries that play it, and where. */
export function loopName(draft: JsonObject, seqId: string, i18n: I18n): string {
  const own = pickText(((draft.sequences as Record<string, Raw> | undefined)?.[seqId]?.title as LocalizedText | undefined) ?? null, i18n.lang);
  if (own) return own;
  const schedule = draft.schedule as { entries?: Raw[]; fallback?: Raw } | undefined;
  const uses: string[] = [];
  for (const e of schedule?.entries ?? []) {
    const content = (e.content ?? {}) as Record<string, string>;
    for (const [role, seq] of Object.entries(content)) {
      if (seq === seqId) uses.push(i18n.t('loops.usedIn', { entry: typeof e.name === 'string' && e.name ? e.name : String(e.id), zone: i18n.t(zoneKey(role)) }));
    }
  }
  const fb = (schedule?.fallback?.content ?? {}) as Record<string, string>;
  for (const [role, seq] of Object.entries(fb)) if (seq === seqId) uses.push(i18n.t('loops.usedInFallback', { zone: i18n.t(zoneKey(role)) }));
  return uses.length ? uses.join(' · ') : i18n.t('loops.unused', { id: seqId });
}

export const zoneKey = (role: string) => (role === 'side' ? 'zone.side' : role === 'ticker' ? 'zone.ticker' : 'zone.main');

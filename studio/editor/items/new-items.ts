import type { MediaItem } from '../../../playlists/schemas/operator-api.ts';
import { getIn, setIn, slugId, type JsonObject } from '../draft-ops.ts';

type Items = Record<string, Record<string, unknown>>;

/** The asset id of a library file in this draft: reused when present, else added naming only its sha256. */
export function ensureAsset(draft: JsonObject, file: MediaItem): { draft: JsonObject; id: string } {
  const assets = (draft.assets ?? {}) as Record<string, { sha256?: string }>;
  const found = Object.keys(assets).find((k) => assets[k]?.sha256 === file.sha256);
  if (found) return { draft, id: found };
  const id = slugId(file.title, Object.keys(assets), 'media');
  return { draft: setIn(draft, ['assets', id], { sha256: file.sha256 }), id };
}

/** A video or image item for a library file, titled like the file; images need a duration (10 s). */
export function addMediaItem(draft: JsonObject, file: MediaItem): { draft: JsonObject; id: string } {
  const withAsset = ensureAsset(draft, file);
  const items = (withAsset.draft.items ?? {}) as Items;
  const id = slugId(file.title, Object.keys(items), 'item');
  const item = file.kind === 'video' ? { kind: 'video', title: file.title, asset: withAsset.id } : { kind: 'image', title: file.title, asset: withAsset.id, duration: 10, fit: 'contain' };
  return { draft: setIn(withAsset.draft, ['items', id], item), id };
}

/** Adds an item under an id made from its title. */
export function addItem(draft: JsonObject, title: string, item: Record<string, unknown>, fallback = 'item'): { draft: JsonObject; id: string } {
  const items = (draft.items ?? {}) as Items;
  const id = slugId(title, Object.keys(items), fallback);
  return { draft: setIn(draft, ['items', id], item), id };
}

/** A copy of the loop's n-th item (a new item, so it can be changed alone), placed right after it. */
export function duplicateItem(draft: JsonObject, loopId: string, index: number): JsonObject {
  const path = ['sequences', loopId, 'items'];
  const list = ((getIn(draft, path) as string[] | undefined) ?? []).slice();
  const source = list[index];
  const item = source === undefined ? undefined : ((draft.items ?? {}) as Items)[source];
  if (source === undefined || !item) return draft;
  const id = slugId(source.replace(/-\d+$/, ''), Object.keys((draft.items ?? {}) as Items));
  list.splice(index + 1, 0, id);
  return setIn(setIn(draft, ['items', id], structuredClone(item)), path, list);
}

/** Starting points for each kind the operator can add (forms fill in the rest). */
export function blankItem(kind: string, title: Record<string, string>): Record<string, unknown> {
  switch (kind) {
    case 'video':
      return { kind: 'video', title, asset: '' };
    case 'image':
      return { kind: 'image', title, asset: '', duration: 10, fit: 'contain' };
    case 'hls-live':
      return { kind: 'hls', mode: 'live', title, url: '', duration: 600 };
    case 'hls-vod':
      return { kind: 'hls', mode: 'vod', title, asset: '' };
    case 'ticker':
      return { kind: 'ticker', messages: [title], speed: 120 };
    case 'fact-card':
      return { kind: 'slide', template: 'fact-card', duration: 10, fields: { title, facts: [{ value: '', label: '' }] } };
    case 'product-card':
      return { kind: 'slide', template: 'product-card', duration: 10, fields: { name: title, image: '' } };
    case 'event-countdown':
      return { kind: 'slide', template: 'event-countdown', duration: 10, fields: { title, eventAt: new Date(Date.now() + 7 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z') } };
    case 'qr-cta':
      return { kind: 'slide', template: 'qr-cta', duration: 10, fields: { title, url: 'https://' } };
    default:
      return { kind: 'slide', template: 'headline', duration: 8, fields: { title } };
  }
}

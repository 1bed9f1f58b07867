import type { LocalizedText } from '../../playlists/schemas/common.ts';
import { itemTitle, type MediaNames } from '../../playlists/titles.ts';
import type { HubContext } from '../context.ts';
import { parseJsonText } from '../../playlists/parse.ts';

type Titles = Map<string, LocalizedText>;
interface LoosePlaylist {
  items?: Record<string, unknown>;
  assets?: Record<string, { sha256?: string }>;
  kiosk?: { pages?: Record<string, { title?: LocalizedText }> };
}

const TTL_MS = 30_000;
const MAX_ENTRIES = 200;

/**
 * Item id → what an operator calls it, for a published channel version
 * (playlists/titles.ts: the item's title, else one made from its kind);
 * kiosk pages by their title. Versions never change, but media titles
 * do, so entries live 30 s.
 */
export class TitleCache {
  readonly #entries = new Map<string, { titles: Titles; at: number }>();

  async titles(hub: HubContext, channel: string, version: number): Promise<Titles> {
    const key = `${channel}@${version}`;
    const hit = this.#entries.get(key);
    if (hit && hub.now() - hit.at < TTL_MS) return hit.titles;
    const titles = await load(hub, channel, version);
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    this.#entries.set(key, { titles, at: hub.now() });
    return titles;
  }
}

async function load(hub: HubContext, channel: string, version: number): Promise<Titles> {
  const row = await hub.db.get<{ envelope: string }>('SELECT envelope FROM playlist_versions WHERE channel = $1 AND version = $2', [channel, version]);
  const titles: Titles = new Map();
  if (!row) return titles;
  // The hub verified this envelope when it stored it; here only its names are read.
  const playlist = parseJsonText(Buffer.from((parseJsonText(row.envelope, 'stored envelope') as { payload: string }).payload, 'base64').toString('utf8'), 'stored playlist') as LoosePlaylist;
  const shas = Object.values(playlist.assets ?? {}).flatMap((a) => (a.sha256 ? [a.sha256] : []));
  const media = shas.length
    ? await hub.db.all<MediaNames & { sha256: string }>(`SELECT sha256, title, name FROM media WHERE sha256 IN (${shas.map((_, i) => `$${i + 1}`).join(',')})`, shas)
    : [];
  const bySha = new Map(media.map((m) => [m.sha256, m]));
  for (const [id, item] of Object.entries(playlist.items ?? {})) {
    const title = itemTitle(item, playlist.assets, (sha) => bySha.get(sha));
    if (title !== undefined) titles.set(id, title);
  }
  for (const [id, page] of Object.entries(playlist.kiosk?.pages ?? {})) if (page.title !== undefined && !titles.has(id)) titles.set(id, page.title);
  return titles;
}

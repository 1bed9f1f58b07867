import type { PlayerState } from '../../playlists/schemas/local-api.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';
import type { Item } from '../../playlists/schemas/items.ts';
import type { ResolvedItem } from './types.ts';

type Media = Pick<PlayerState, 'media' | 'assetHashes'>;

function assetOf(item: Item): string | undefined {
  if (item.kind === 'video' || item.kind === 'image') return item.asset;
  if (item.kind === 'hls' && item.mode === 'vod') return item.asset;
  return undefined;
}

/**
 * Every subtitle track of the item the core serves, preferred languages
 * (defaults.subtitles) first; which ones show is decided per pass by
 * subtitlesToShow, with the pass's language chains.
 */
function subtitlesOf(item: Item, playlist: Playlist, state: Media): ResolvedItem['subtitles'] {
  if ((item.kind !== 'video' && item.kind !== 'hls') || !item.subtitles) return [];
  const tracks = item.subtitles;
  const preferred = playlist.defaults.subtitles;
  const rank = (lang: string) => (preferred.includes(lang) ? preferred.indexOf(lang) : preferred.length);
  return Object.keys(tracks)
    .sort((a, b) => rank(a) - rank(b))
    .map((lang) => ({ lang, src: state.media[tracks[lang]!] ?? '' }))
    .filter((t) => t.src !== '');
}

export function resolveItem(playlist: Playlist, state: Media, id: string): ResolvedItem {
  const item = playlist.items[id];
  if (!item) throw new Error(`unknown item ${id}`);
  const asset = assetOf(item);
  const res: ResolvedItem = {
    id,
    item,
    channel: playlist.channel,
    playlistVersion: playlist.version,
    subtitles: subtitlesOf(item, playlist, state),
    subtitlePreference: playlist.defaults.subtitles,
    transition: item.transition ?? playlist.defaults.transition,
  };
  const languages = item.languages ?? playlist.defaults.languages;
  if (languages) res.languages = languages;
  if (asset !== undefined) {
    const src = state.media[asset];
    const sha = state.assetHashes[asset];
    if (src !== undefined) res.src = src;
    if (sha !== undefined) res.sha256 = sha;
  }
  if (item.kind === 'hls' && item.mode === 'live') {
    res.src = item.url;
    if (item.fallback !== undefined && playlist.items[item.fallback]) res.fallback = resolveItem(playlist, state, item.fallback);
  }
  return res;
}

/** The items of a sequence, resolved; unknown ids were already refused by the schema. */
export function resolveSequence(playlist: Playlist, state: Media, sequenceId: string): ResolvedItem[] {
  return (playlist.sequences[sequenceId]?.items ?? []).map((id) => resolveItem(playlist, state, id));
}

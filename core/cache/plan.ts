import type { Playlist } from '../../playlists/schemas/playlist.ts';
import type { Wanted } from './download.ts';

const HLS = 'application/vnd.apple.mpegurl';

export interface HlsMount {
  /** Name of the .m3u8 under /media/<sha256>/, so its relative URLs resolve beside it. */
  indexName: string;
  files: Map<string, { sha256: string; type: string }>;
}

/** What one playlist needs from the cache, and how the local API names it. */
export interface CachePlan {
  wanted: Wanted[];
  bytesTotal: number;
  /** asset id → local URL. */
  media: Record<string, string>;
  assetHashes: Record<string, string>;
  /** sha256 → media type, for Content-Type. */
  types: Map<string, string>;
  hls: Map<string, HlsMount>;
  /** Origins of live streams: the only ones the local API's /live/ relay reaches. */
  liveOrigins: string[];
}

function indexNameOf(url: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  return /^[A-Za-z0-9._~-]+\.m3u8$/i.test(last) ? last : 'index.m3u8';
}

/**
 * Every file the playlist's assets pin (an HLS VOD asset is its .m3u8 plus
 * each listed file), deduplicated by hash. Relative URLs resolve against the
 * playlist URL; HLS files resolve against their .m3u8's URL.
 */
export function planCache(playlist: Playlist, playlistUrl: string): CachePlan {
  const bySha = new Map<string, Wanted>();
  const types = new Map<string, string>();
  const hls = new Map<string, HlsMount>();
  const media: Record<string, string> = {};
  const assetHashes: Record<string, string> = {};
  const add = (w: Wanted, type: string) => {
    const old = bySha.get(w.sha256);
    if (old) old.urls.push(...w.urls.filter((u) => !old.urls.includes(u)));
    else bySha.set(w.sha256, { ...w, urls: [...w.urls] });
    if (!types.has(w.sha256)) types.set(w.sha256, type);
  };
  for (const [id, asset] of Object.entries(playlist.assets)) {
    const urls = asset.urls.map((u) => new URL(u, playlistUrl).href);
    add({ sha256: asset.sha256, size: asset.size, urls }, asset.type);
    assetHashes[id] = asset.sha256;
    if (asset.type === HLS && asset.files) {
      const mount: HlsMount = { indexName: indexNameOf(urls[0]!), files: new Map() };
      for (const f of asset.files) {
        add({ sha256: f.sha256, size: f.size, urls: urls.map((u) => new URL(f.path, u).href) }, typeOf(f.path));
        mount.files.set(f.path, { sha256: f.sha256, type: typeOf(f.path) });
      }
      hls.set(asset.sha256, mount);
      media[id] = `/media/${asset.sha256}/${mount.indexName}`;
    } else media[id] = `/media/${asset.sha256}`;
  }
  const liveOrigins: string[] = [];
  for (const item of Object.values(playlist.items)) {
    if (item.kind === 'hls' && item.mode === 'live') liveOrigins.push(new URL(item.url, playlistUrl).origin);
  }
  const wanted = [...bySha.values()];
  return { wanted, bytesTotal: wanted.reduce((n, w) => n + w.size, 0), media, assetHashes, types, hls, liveOrigins: [...new Set(liveOrigins)] };
}

function typeOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  const map: Record<string, string> = {
    '.m3u8': HLS,
    '.ts': 'video/mp2t',
    '.m4s': 'video/iso.segment',
    '.mp4': 'video/mp4',
    '.m4a': 'audio/mp4',
    '.m4v': 'video/mp4',
    '.aac': 'audio/aac',
    '.vtt': 'text/vtt',
    '.webvtt': 'text/vtt',
    '.key': 'application/octet-stream',
  };
  return map[ext] ?? 'application/octet-stream';
}

import type { LocalizedText } from './schemas/common.ts';

/**
 * What an operator calls an item or a media file when it has no title of its
 * own. Written once: the hub's fleet ("now playing"), the studio's editor and
 * its preview timeline all name items through `itemTitle`. The input is loose
 * (a draft being edited may not be a valid playlist yet), so every field is
 * read defensively.
 */

/** A library file as the hub stores it: an edited title, or none yet. */
export interface MediaNames {
  title: string | null;
  /** The original file name, with its extension. */
  name: string;
}

/** A file name without its extension ("mangrove-forest.jpg" → "mangrove-forest"): a file's title until an editor gives a better one. */
export const fileTitle = (name: string): string => name.replace(/\.[A-Za-z0-9]{1,5}$/, '') || name;

/** The library title, else the original file name without its extension. */
export const mediaTitle = (media: MediaNames): string => (media.title?.trim() ? media.title : fileTitle(media.name));

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : undefined);

/** A text with something in it (an empty string or an empty map is no title). */
function text(v: unknown): LocalizedText | undefined {
  if (typeof v === 'string') return v.trim() ? v : undefined;
  const map = obj(v);
  if (!map) return undefined;
  const filled = Object.fromEntries(Object.entries(map).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
  return Object.keys(filled).length ? filled : undefined;
}

/** A live stream without a title: its address's last part without extension, else its host. */
function streamTitle(url: unknown): string | undefined {
  if (typeof url !== 'string' || !url) return undefined;
  const path = url.replace(/[?#].*$/, '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '');
  const last = path.split('/').filter(Boolean).pop();
  if (last && !/^(index|playlist|master|live|stream)\.m3u8?$/i.test(last)) return fileTitle(decodeURIComponentSafe(last));
  return /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(url)?.[1];
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * An item's title: its own `title`; else, by kind — a slide's headline (or a
 * product card's name), a ticker's first message, a video's, picture's or
 * cached stream's library file (`mediaBySha`), a live stream's address. Undefined
 * when nothing names it (the caller shows the id).
 */
export function itemTitle(item: unknown, assets: unknown, mediaBySha: (sha256: string) => MediaNames | undefined): LocalizedText | undefined {
  const it = obj(item);
  if (!it) return undefined;
  const own = text(it.title);
  if (own !== undefined) return own;
  if (it.kind === 'slide') {
    const fields = obj(it.fields);
    return text(fields?.title) ?? text(fields?.name);
  }
  if (it.kind === 'ticker') return Array.isArray(it.messages) ? it.messages.map(text).find((m) => m !== undefined) : undefined;
  if (it.kind === 'hls' && it.mode === 'live') return streamTitle(it.url);
  if (typeof it.asset === 'string') {
    const sha = obj(obj(assets)?.[it.asset])?.sha256;
    const media = typeof sha === 'string' ? mediaBySha(sha) : undefined;
    return media ? mediaTitle(media) : undefined;
  }
  return undefined;
}

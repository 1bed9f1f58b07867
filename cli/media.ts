import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { PanoError } from '../playlists/errors.ts';
import type { AssetDraft } from '../playlists/schemas/assets.ts';
import { hashFile, isFile } from './files.ts';

/**
 * `pano sign --media DIR`: pins each asset to the bytes of its file under DIR.
 * A hash already in the draft must agree with the file (HASH_MISMATCH), so a
 * stale or swapped file is caught at signing, not on a screen in the field.
 */
export async function fillAssetHashes(
  assets: Record<string, AssetDraft>,
  mediaDir: string,
): Promise<{ assets: Record<string, AssetDraft>; hashed: number }> {
  const dir = resolve(mediaDir);
  const out: Record<string, AssetDraft> = {};
  let hashed = 0;
  for (const [id, asset] of Object.entries(assets)) {
    const tried = candidates(dir, asset.urls);
    const file = await firstFile(tried);
    if (file === undefined) {
      if (asset.sha256 === undefined || asset.size === undefined) throw notFound(`assets.${id}`, `asset "${id}"`, tried, dir);
      out[id] = asset;
      continue;
    }
    const pinned = await pin(`asset "${id}"`, file, asset);
    hashed++;
    let files = asset.files;
    if (files) {
      // HLS VOD: every file of the stream, relative to the .m3u8's folder.
      const base = dirname(file);
      files = await Promise.all(
        files.map(async (f, i) => {
          const path = resolve(base, f.path);
          if (inside(dir, path) && (await isFile(path))) return { path: f.path, ...(await pin(`asset "${id}" file ${f.path}`, path, f)) };
          if (f.sha256 === undefined || f.size === undefined) throw notFound(`assets.${id}.files.${i}`, `asset "${id}" file ${f.path}`, [path], dir);
          return f;
        }),
      );
    }
    out[id] = { ...asset, ...pinned, ...(files ? { files } : {}) };
  }
  return { assets: out, hashed };
}

async function pin(what: string, path: string, declared: { sha256?: string | undefined; size?: number | undefined }) {
  const actual = await hashFile(path);
  if (declared.sha256 !== undefined && declared.sha256 !== actual.sha256) {
    throw new PanoError('HASH_MISMATCH', `${what}: ${path} has sha256 ${actual.sha256}, the playlist says ${declared.sha256}`);
  }
  if (declared.size !== undefined && declared.size !== actual.size) {
    throw new PanoError('SIZE_MISMATCH', `${what}: ${path} is ${actual.size} bytes, the playlist says ${declared.size}`);
  }
  return actual;
}

/** DIR/<relative url path>, then DIR/<basename>; absolute URLs only by basename. */
function candidates(dir: string, urls: readonly string[]): string[] {
  const url = urls.find((u) => !/^[a-z][a-z0-9+.-]*:/i.test(u)) ?? urls[0];
  if (url === undefined) return [];
  let path: string;
  try {
    path = /^[a-z][a-z0-9+.-]*:/i.test(url) ? new URL(url).pathname : url.split(/[?#]/)[0]!;
    path = decodeURIComponent(path);
  } catch {
    return [];
  }
  const list = [join(dir, path.replace(/^\/+/, '')), join(dir, basename(path))];
  return [...new Set(list)].filter((p) => inside(dir, p));
}

async function firstFile(paths: readonly string[]): Promise<string | undefined> {
  for (const p of paths) if (await isFile(p)) return p;
  return undefined;
}

/** A URL with `..` must not reach outside DIR. */
function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function notFound(path: string, what: string, tried: readonly string[], dir: string): PanoError {
  const list = tried.length ? tried.map((t) => relative(dir, t)).join(', ') : 'no usable URL';
  const message = `${what} has no sha256/size and no file under ${dir} (tried ${list})`;
  return new PanoError('SCHEMA_INVALID', message, [{ path, message: 'no hash and no media file' }]);
}

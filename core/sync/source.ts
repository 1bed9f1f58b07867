import { PanoError } from '../../playlists/errors.ts';
import type { RootMetadata } from '../../playlists/schemas/root.ts';
import { DEFAULT_MAX_ROTATIONS, verifyRootUpdate } from '../../playlists/trust.ts';
import { discard, readCapped, request, type Response } from '../util/http.ts';

export interface SourceOptions {
  idleTimeoutMs: number;
  maxBytes: number;
  headersFor(url: string): Record<string, string>;
  now(): number;
  /** Every answer passes here first (Date header → clock skew). */
  observe(res: Response): void;
}

export type Fetched = { kind: 'unchanged' } | { kind: 'changed'; bytes: Uint8Array; etag: string | undefined };

/**
 * GET of the playlist envelope, conditional on the last ETag. Works with any
 * static host: only plain GET, ETag and 304 are used.
 */
export async function fetchPlaylist(url: string, etag: string | undefined, opts: SourceOptions): Promise<Fetched> {
  const headers = { ...opts.headersFor(url), ...(etag ? { 'if-none-match': etag } : {}) };
  const res = await request(url, { headers, idleTimeoutMs: opts.idleTimeoutMs }, opts.now);
  opts.observe(res);
  if (res.status === 304) {
    discard(res);
    return { kind: 'unchanged' };
  }
  if (res.status !== 200) {
    discard(res);
    throw new PanoError('HTTP_STATUS', `playlist ${url}: HTTP ${res.status}`);
  }
  const bytes = await readCapped(res, opts.maxBytes, 'playlist envelope');
  const tag = typeof res.headers.etag === 'string' ? res.headers.etag : undefined;
  return { kind: 'changed', bytes, etag: tag };
}

/**
 * Root rotations published beside the playlist: root/<N>.json for
 * N = trusted+1… until 404. Verified as a chain; returns undefined when there
 * is none. Throws on a bad rotation (ROOT_ROTATION_INVALID, SIGNATURE_INVALID…),
 * and EXPIRED when the newest root it can trust has expired at `now`: the
 * rule `pano verify` applies (verifyRootUpdate, also with no rotation), so
 * nothing new is adopted under an expired root (TUF 5.3.10, freeze attack).
 */
export async function fetchRootRotations(
  playlistUrl: string,
  trusted: RootMetadata,
  now: Date,
  opts: SourceOptions,
): Promise<{ root: RootMetadata; text: string } | undefined> {
  const found: string[] = [];
  for (let n = trusted.version + 1; found.length <= DEFAULT_MAX_ROTATIONS; n++) {
    const url = new URL(`root/${n}.json`, playlistUrl).href;
    const res = await request(url, { headers: opts.headersFor(url), idleTimeoutMs: opts.idleTimeoutMs }, opts.now);
    opts.observe(res);
    if (res.status === 404 || res.status === 410) {
      discard(res);
      break;
    }
    if (res.status !== 200) {
      discard(res);
      throw new PanoError('HTTP_STATUS', `root rotation ${url}: HTTP ${res.status}`);
    }
    found.push(Buffer.from(await readCapped(res, opts.maxBytes, `root ${n}`)).toString('utf8'));
  }
  const update = verifyRootUpdate(trusted, found, now);
  return found.length === 0 ? undefined : { root: update.root, text: found[found.length - 1]! };
}

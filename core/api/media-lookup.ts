import type { CachePlan } from '../cache/plan.ts';
import type { ObjectStore } from '../cache/store.ts';

/**
 * /media/<sha256>[/<path>] → a verified cached file of the current playlist
 * and its Content-Type. Only files the playlist declares are served; an HLS
 * stream's files are found by their path relative to its .m3u8.
 */
export async function lookupMedia(plan: CachePlan | undefined, store: ObjectStore, sha: string, path: string | undefined): Promise<{ file: string; type: string; sha256: string } | null> {
  if (!plan) return null;
  let target = sha;
  let type = plan.types.get(sha);
  if (path !== undefined) {
    const mount = plan.hls.get(sha);
    if (!mount) return null;
    const file = path === mount.indexName ? { sha256: sha, type: 'application/vnd.apple.mpegurl' } : mount.files.get(path);
    if (!file) return null;
    target = file.sha256;
    type = file.type;
  }
  if (type === undefined) return null;
  const file = await store.verifiedPath(target);
  return file ? { file, type, sha256: target } : null;
}

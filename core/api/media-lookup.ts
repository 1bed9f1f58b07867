import type { CachePlan } from '../cache/plan.ts';
import type { ObjectStore } from '../cache/store.ts';
import type { Integrity } from './files.ts';

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

/** lookupMedia with the guards the local API streams it under (see files.ts, Integrity). */
export async function mediaToServe(plan: CachePlan | undefined, store: ObjectStore, reverifyMs: number, sha: string, path: string | undefined): Promise<{ file: string; type: string; integrity: Integrity } | null> {
  const found = await lookupMedia(plan, store, sha, path);
  if (!found) return null;
  return {
    file: found.file,
    type: found.type,
    integrity: {
      sha256: found.sha256,
      // A range cannot be hashed on its own: it is served only if the whole file was hashed within reverifyMs.
      beforePartial: async () => (await store.verifiedPath(found.sha256, reverifyMs)) !== null,
      streamed: (sent, ok) => void store.streamed(found.sha256, sent, ok).catch(() => {}),
    },
  };
}

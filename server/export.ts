import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PanoError } from '../playlists/errors.ts';
import { parseJson } from '../playlists/parse.ts';
import { Envelope } from '../playlists/schemas/envelope.ts';
import { Playlist } from '../playlists/schemas/playlist.ts';
import { decodeBase64 } from '../playlists/base64.ts';
import type { Db } from './db/db.ts';

export interface ExportSummary {
  channels: { channel: string; version: number; file: string }[];
  roots: number;
  media: number;
}

/**
 * Writes what screens read as plain files, in the same layout the hub serves:
 *   feed/<channel>.json     signed playlist (assets at ../media/<sha256>)
 *   feed/root/<N>.json      every root, for rotation
 *   media/<sha256>          each file a published playlist names
 * so nginx, object storage or a CDN can serve the folder unchanged.
 */
export async function exportStatic(db: Db, dataDir: string, outDir: string): Promise<ExportSummary> {
  await mkdir(join(outDir, 'feed', 'root'), { recursive: true });
  await mkdir(join(outDir, 'media'), { recursive: true });
  const roots = await db.all<{ version: number; envelope: string }>('SELECT version, envelope FROM roots ORDER BY version');
  for (const r of roots) await writeAtomic(join(outDir, 'feed', 'root', `${r.version}.json`), r.envelope);
  const channels = await db.all<{ id: string; version: number; envelope: string }>('SELECT id, version, envelope FROM channels WHERE envelope IS NOT NULL ORDER BY id');
  const needed = new Set<string>();
  const summary: ExportSummary = { channels: [], roots: roots.length, media: 0 };
  for (const c of channels) {
    const envelope = parseJson(Envelope, c.envelope, `channel ${c.id}`);
    // The hub verified this envelope when it was published; here we only need its asset list.
    const payload = new TextDecoder().decode(decodeBase64(envelope.payload));
    const playlist = parseJson(Playlist, payload, `channel ${c.id} payload`);
    for (const asset of Object.values(playlist.assets)) if (asset.urls.includes(`../media/${asset.sha256}`)) needed.add(asset.sha256);
    const file = join('feed', `${c.id}.json`);
    await writeAtomic(join(outDir, file), c.envelope);
    summary.channels.push({ channel: c.id, version: c.version, file });
  }
  for (const sha of needed) {
    try {
      await copyFile(join(dataDir, 'media', sha), join(outDir, 'media', sha));
    } catch (error) {
      throw new PanoError('DOWNLOAD_FAILED', `media ${sha} is in a published playlist but missing from ${join(dataDir, 'media')}: ${(error as Error).message}`);
    }
    summary.media++;
  }
  await writeAtomic(join(outDir, 'index.json'), `${JSON.stringify({ channels: summary.channels, roots: summary.roots }, null, 2)}\n`);
  return summary;
}

async function writeAtomic(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

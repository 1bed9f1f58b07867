import { lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { parseUnknown } from '../../playlists/parse.ts';
import type { HubContext } from '../context.ts';
import { notFound } from '../http/errors.ts';
import type { Router } from '../http/router.ts';
import { sendFile, userContentHeaders } from '../media/serve.ts';

/**
 * One file name as electron-builder writes them (latest.yml, "Pano Setup 1.2.0.exe",
 * Pano-1.2.0.AppImage, *.blockmap): one path segment, no leading dot, no "..",
 * so a name can never leave DATA/updates whatever the URL encoding was.
 */
const UpdateFileName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._+~-]{0,199}$/, 'a plain file name')
  .refine((name) => !name.includes('..'), 'no ".."');

const TYPES: Record<string, string> = { yml: 'text/yaml; charset=utf-8', yaml: 'text/yaml; charset=utf-8', json: 'application/json' };

/** Where operators drop electron-builder's output for screens to update from. */
export const updatesDir = (hub: HubContext) => join(hub.dataDir, 'updates');

/**
 * The electron-updater "generic" feed screens default to (<hub>/updates/).
 * Unauthenticated: electron-updater sends no credentials (electron/updates.ts
 * sets only provider and URL), installers are not secrets, and the updater
 * checks each file's sha512 from latest.yml. Read-only, no listing.
 */
export async function updateRoutes(hub: HubContext, router: Router): Promise<void> {
  await mkdir(updatesDir(hub), { recursive: true });
  router.on('GET', '/updates/:file', async (ctx) => {
    let name: string;
    try {
      name = parseUnknown(UpdateFileName, ctx.params.file, 'update file name');
    } catch {
      throw notFound('update file');
    }
    const path = join(updatesDir(hub), name);
    // lstat: a symlink is not followed out of the folder; only regular files are served.
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile()) throw notFound('update file');
    // Size and modification time, as nginx does: a strong enough validator for
    // Range resume, and changes whenever an operator replaces the file.
    const etag = `"${info.size.toString(16)}-${Math.trunc(info.mtimeMs).toString(16)}"`;
    const type = TYPES[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
    // latest.yml changes under the same name: revalidate every time (cheap: 304).
    userContentHeaders(ctx.res, type); // files an admin dropped in DATA/updates/, never a page of the hub
    await sendFile(ctx.req, ctx.res, path, type, etag, 'no-cache');
  });
}

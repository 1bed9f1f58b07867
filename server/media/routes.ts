import { API } from '../../playlists/schemas/operator-api.ts';
import type { HubContext } from '../context.ts';
import { requireReader } from '../devices/auth.ts';
import { api } from '../http/api.ts';
import { notFound } from '../http/errors.ts';
import type { Router } from '../http/router.ts';
import { deleteMedia, ensureThumbnail, getMedia, listMedia, mediaPath, requireMediaRow, thumbnailPath, updateMedia } from './library.ts';
import { sendFile, userContentHeaders } from './serve.ts';
import { receiveUpload } from './store.ts';

export function mediaRoutes(hub: HubContext, router: Router): void {
  api(hub, router, API.listMedia, async ({ query }) => ({ media: await listMedia(hub, query) }));
  api(hub, router, API.upload, async ({ ctx, op, query }) => {
    const { sha256, deduplicated } = await receiveUpload(hub, ctx.req, query.name, op.username);
    return { ...(await getMedia(hub, sha256)), deduplicated };
  });
  api(hub, router, API.getMedia, ({ params }) => getMedia(hub, params.sha!));
  api(hub, router, API.updateMedia, ({ op, body, params }) => updateMedia(hub, params.sha!, body, op.username));
  api(hub, router, API.deleteMedia, async ({ op, params }) => {
    await deleteMedia(hub, params.sha!, op.username);
    return { ok: true };
  });
  api(hub, router, API.thumbnail, async ({ ctx, params }) => {
    userContentHeaders(ctx.res, 'image/jpeg');
    const row = await requireMediaRow(hub, params.sha!);
    if (!(await ensureThumbnail(hub, row))) throw notFound('thumbnail');
    await sendFile(ctx.req, ctx.res, thumbnailPath(hub, row.sha256), 'image/jpeg', `"thumb-${row.sha256}"`);
  });

  // Screens fetch their assets here; operators too (play in place, the studio's preview).
  api(hub, router, API.mediaFile, async ({ ctx, params }) => {
    userContentHeaders(ctx.res);
    await requireReader(hub, ctx);
    const sha = params.sha!;
    if (!/^[0-9a-f]{64}$/.test(sha)) throw notFound('media');
    const row = await hub.db.get<{ type: string }>('SELECT type FROM media WHERE sha256 = $1', [sha]);
    if (!row) throw notFound('media');
    userContentHeaders(ctx.res, row.type);
    await sendFile(ctx.req, ctx.res, mediaPath(hub, sha), row.type, `"${sha}"`);
  });
}

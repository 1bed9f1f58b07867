import { parseJsonText, parseUnknown } from '../../playlists/parse.ts';
import { Id } from '../../playlists/schemas/common.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';
import { api } from '../http/api.ts';
import { readBody } from '../http/body.ts';
import type { Router } from '../http/router.ts';
import { getChannel, publishDraft, publishEnvelope, saveDraft } from './channels.ts';
import { channelDetail, channelSummary, createChannel, listChannels, previewPlaylist, requireChannel, submitDraft } from './drafts.ts';
import { emergencyRoutes } from './emergency-routes.ts';
import { boardRoutes } from './board-routes.ts';
import { addRoot } from './keys.ts';
import { rootRoutes } from './root-routes.ts';

const DRAFT_BYTES = 2 * 1024 * 1024;

/** Channels (draft → submit → publish, preview), `pano publish`, emergency takeover, root rotations. */
export function publishRoutes(hub: HubContext, router: Router): void {
  api(hub, router, API.listChannels, async () => ({ channels: await listChannels(hub) }));
  api(hub, router, API.createChannel, ({ op, body }) => createChannel(hub, body.id, body.title, op.username));
  api(hub, router, API.getChannel, ({ params }) => channelDetail(hub, params.id!));
  api(
    hub,
    router,
    API.saveDraft,
    async ({ op, body, params }) => {
      const id = parseUnknown(Id, params.id, 'channel id');
      await saveDraft(hub, id, body.draft, op.username, body.submit);
      return channelSummary((await getChannel(hub, id))!);
    },
    { maxBytes: DRAFT_BYTES },
  );
  api(hub, router, API.submitChannel, ({ op, params }) => submitDraft(hub, params.id!, op.username));
  api(hub, router, API.publishChannel, async ({ op, params }) => ({ channel: params.id!, version: await publishDraft(hub, params.id!, op.username) }));
  api(hub, router, API.previewSaved, async ({ params }) => previewPlaylist(hub, params.id!, parseJsonText((await requireChannel(hub, params.id!)).draft, `draft of ${params.id!}`)));
  api(hub, router, API.previewDraft, ({ body, params }) => previewPlaylist(hub, parseUnknown(Id, params.id, 'channel id'), body.draft), { maxBytes: DRAFT_BYTES });
  boardRoutes(hub, router);

  // Signed envelopes are read raw: their exact bytes are verified and stored.
  api(hub, router, API.publishEnvelope, async ({ ctx, op }) => publishEnvelope(hub, (await readBody(ctx.req, hub.limits.maxEnvelopeBytes)).toString('utf8'), op.username));
  api(hub, router, API.addRoot, async ({ ctx, op }) => {
    const version = await addRoot(hub.db, (await readBody(ctx.req, 1024 * 1024)).toString('utf8'), new Date(hub.now()));
    await audit(hub, op.username, 'root', `root v${version}`);
    return { version };
  });
  rootRoutes(hub, router);

  emergencyRoutes(hub, router);
}

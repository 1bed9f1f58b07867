import { API } from '../../playlists/schemas/operator-api.ts';
import type { HubContext } from '../context.ts';
import { api } from '../http/api.ts';
import type { Router } from '../http/router.ts';
import { addSignature, getSubmission, listApproverKeys, registerApproverKey } from './board.ts';

/** The editorial board: frozen submissions, approvers' signatures over them, approvers' public keys. */
export function boardRoutes(hub: HubContext, router: Router): void {
  api(hub, router, API.getSubmission, ({ params }) => getSubmission(hub, params.id!));
  api(hub, router, API.signSubmission, ({ op, body, params }) => addSignature(hub, params.id!, body, op.username));
  api(hub, router, API.listApproverKeys, async () => ({ keys: await listApproverKeys(hub) }));
  api(hub, router, API.registerApproverKey, ({ op, body }) => registerApproverKey(hub, body.public, op.username));
}

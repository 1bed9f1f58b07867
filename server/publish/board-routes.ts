import { API } from '../../playlists/schemas/operator-api.ts';
import type { HubContext } from '../context.ts';
import { api } from '../http/api.ts';
import type { Router } from '../http/router.ts';
import { addSignature, getSubmission, listApproverKeys, registerApproverKey } from './board.ts';
import { rollback, sendBack, versionDiff, versionHistory, withdraw } from './board-workflow.ts';
import { listNotices, readNotices, setNoticeEmail } from './notices.ts';

/** The editorial board: frozen submissions, approvers' signatures over them, approvers' public keys. */
export function boardRoutes(hub: HubContext, router: Router): void {
  api(hub, router, API.getSubmission, ({ params }) => getSubmission(hub, params.id!));
  api(hub, router, API.signSubmission, ({ op, body, params }) => addSignature(hub, params.id!, body, op.username));
  api(hub, router, API.listApproverKeys, async () => ({ keys: await listApproverKeys(hub) }));
  api(hub, router, API.registerApproverKey, ({ op, body }) => registerApproverKey(hub, body.public, op.username));
  // the workflow: send back, withdraw, history, diff, rollback, notices
  api(hub, router, API.sendBack, ({ op, body, params }) => sendBack(hub, params.id!, body.remark, op));
  api(hub, router, API.withdrawSubmission, ({ op, params }) => withdraw(hub, params.id!, op));
  api(hub, router, API.channelVersions, ({ params }) => versionHistory(hub, params.id!));
  api(hub, router, API.channelDiff, ({ params, query }) => versionDiff(hub, params.id!, query.from, query.to));
  api(hub, router, API.rollbackChannel, ({ op, body, params }) => rollback(hub, params.id!, body.version, op));
  api(hub, router, API.listNotices, ({ op }) => listNotices(hub, op.username));
  api(hub, router, API.readNotices, ({ op }) => readNotices(hub, op.username));
  api(hub, router, API.setNoticeEmail, ({ op, body }) => setNoticeEmail(hub, op.username, body.email));
}

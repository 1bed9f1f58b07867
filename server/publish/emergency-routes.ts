import { API } from '../../playlists/schemas/operator-api.ts';
import { loadCapSettings, pollCap, saveCapSettings } from '../cap/feed.ts';
import type { HubContext } from '../context.ts';
import { api } from '../http/api.ts';
import type { Router } from '../http/router.ts';
import { closeEmergencyDraft, listEmergencyDrafts, prepareEmergencyDraft, publishDraftWithHubKey, signEmergencyDraft } from './emergency-drafts.ts';
import { currentEmergencySigning } from './emergency-signing.ts';
import { emergencyState, endEmergency, startEmergency } from './emergency.ts';

/** Takeovers, emergency drafts signed by duty officers (or the hub's key where the root allows), the CAP feed. */
export function emergencyRoutes(hub: HubContext, router: Router): void {
  api(hub, router, API.emergency, async () => (await emergencyState(hub)) ?? { active: false, title: null, since: null, by: null, version: 0 });
  api(hub, router, API.startEmergency, ({ op, body }) => startEmergency(hub, body, op.username));
  api(hub, router, API.endEmergency, async ({ op }) => {
    await endEmergency(hub, op.username);
    return { ok: true };
  });
  api(hub, router, API.listEmergencyDrafts, async () => ({ drafts: await listEmergencyDrafts(hub), signing: await currentEmergencySigning(hub) }));
  api(hub, router, API.prepareEmergencyDraft, ({ params }) => prepareEmergencyDraft(hub, params.id!));
  api(hub, router, API.signEmergencyDraft, ({ op, body, params }) => signEmergencyDraft(hub, params.id!, body, op.username));
  api(hub, router, API.publishEmergencyDraft, ({ op, params }) => publishDraftWithHubKey(hub, params.id!, op.username));
  api(hub, router, API.discardEmergencyDraft, ({ op, params }) => closeEmergencyDraft(hub, params.id!, 'discarded', op.username));
  api(hub, router, API.capSettings, () => loadCapSettings(hub));
  api(hub, router, API.saveCapSettings, ({ op, body }) => saveCapSettings(hub, body, op.username));
  api(hub, router, API.pollCap, () => pollCap(hub));
}

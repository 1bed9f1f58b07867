import type { EmergencyRequest } from '../../playlists/schemas/emergency-api.ts';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import { EMERGENCY_CHANNEL, getChannel, notifyAll } from './channels.ts';
import { createEmergencyDraft, publishDraftWithHubKey } from './emergency-drafts.ts';
import { currentEmergencySigning, takeoverMinutes } from './emergency-signing.ts';

/**
 * One click: where the hub's key may sign takeovers, publish at once and push
 * to every online target; else a pending draft for the duty officer to sign
 * (returned as `draft`). Without an emergency role under a board, nobody may.
 */
export async function startEmergency(hub: HubContext, req: EmergencyRequest, username: string): Promise<{ version: number; draft?: string }> {
  const signing = await currentEmergencySigning(hub);
  if (signing.mode === 'none') {
    throw new HttpError(409, 'ROLE_NOT_ALLOWED', "the root names a board and no emergency role: the hub's key may not sign a takeover; add an emergency role (pano root rotate --emergency)");
  }
  const draft = await createEmergencyDraft(hub, { ...req, durationMinutes: takeoverMinutes(signing, req.durationMinutes) }, { source: 'studio', username, cap: null });
  if (signing.mode === 'duty') return { version: (await getChannel(hub, EMERGENCY_CHANNEL))?.version ?? 0, draft: draft.id };
  return { version: (await publishDraftWithHubKey(hub, draft.id, username)).publishedVersion ?? 0 };
}

export async function endEmergency(hub: HubContext, username: string): Promise<void> {
  await hub.db.run("UPDATE emergency SET active = 0 WHERE id = 'current'");
  await audit(hub, username, 'emergency-end', 'screens return to their channels');
  await notifyAll(hub);
}

export async function emergencyState(hub: HubContext): Promise<{ active: boolean; title: string; since: string; by: string; version: number } | undefined> {
  const row = await hub.db.get<{ active: number; message: string; started_at: number; started_by: string }>("SELECT * FROM emergency WHERE id = 'current'");
  if (!row) return undefined;
  const channel = await getChannel(hub, EMERGENCY_CHANNEL);
  return { active: row.active === 1, title: row.message, since: new Date(Number(row.started_at)).toISOString(), by: row.started_by, version: channel?.version ?? 0 };
}

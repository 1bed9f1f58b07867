import type { EmergencyRequest } from '../../playlists/schemas/operator-api.ts';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';
import { EMERGENCY_CHANNEL, getChannel, notifyAll, publishDraft, saveDraft } from './channels.ts';

const fullScreen = (orientation: 'landscape' | 'portrait') => ({
  orientation,
  zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 1 } },
});

/** The takeover playlist: one emergency slide (label "KHẨN CẤP / EMERGENCY", icon, Vietnamese and English), an interrupt entry that preempts whatever plays. */
function emergencyDraft(req: EmergencyRequest) {
  return {
    title: `Emergency: ${req.title}`,
    audience: req.devices.length ? { devices: req.devices } : { all: true },
    assets: {},
    layouts: { landscape: fullScreen('landscape'), portrait: fullScreen('portrait') },
    items: {
      notice: {
        kind: 'slide',
        template: 'emergency',
        duration: 30,
        fields: {
          icon: req.icon,
          vi: { title: req.title, ...(req.message.trim() ? { message: req.message.trim() } : {}) },
          ...(req.titleEn ? { en: { title: req.titleEn, ...(req.messageEn.trim() ? { message: req.messageEn.trim() } : {}) } } : {}),
        },
      },
    },
    // Sequence "main", like most channels: a player that briefly pairs its old plan with this playlist still finds it.
    sequences: { main: { items: ['notice'] } },
    schedule: { entries: [{ id: 'takeover', layout: { landscape: 'landscape', portrait: 'portrait' }, content: { main: 'main' }, interrupt: true, priority: 1000 }] },
  };
}

/** One click: publish the takeover (signed, version bumped) and push it to every online target at once. */
export async function startEmergency(hub: HubContext, req: EmergencyRequest, username: string): Promise<number> {
  await saveDraft(hub, EMERGENCY_CHANNEL, emergencyDraft(req), username, false);
  await hub.db.run(
    `INSERT INTO emergency (id, active, message, audience, started_at, started_by) VALUES ('current', 1, $1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET active = 1, message = excluded.message, audience = excluded.audience,
       started_at = excluded.started_at, started_by = excluded.started_by`,
    [req.title, JSON.stringify(req.devices), hub.now(), username],
  );
  const version = await publishDraft(hub, EMERGENCY_CHANNEL, username);
  await audit(hub, username, 'emergency-start', `${req.title} → ${req.devices.length ? req.devices.join(', ') : 'all screens'}`);
  return version;
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

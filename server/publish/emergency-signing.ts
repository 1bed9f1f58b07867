import type { EmergencyRequest } from '../../playlists/schemas/emergency-api.ts';
import type { RootMetadata } from '../../playlists/schemas/root.ts';
import { contentSigners } from '../../playlists/trust-roles.ts';
import type { HubContext } from '../context.ts';
import { PLAYLIST_LIFETIME_DAYS } from './compose.ts';
import { currentRootMetadata } from './keys.ts';

const fullScreen = (orientation: 'landscape' | 'portrait') => ({
  orientation,
  zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 1 } },
});

/** The takeover playlist: one emergency slide (label "KHẨN CẤP / EMERGENCY", icon, Vietnamese and English), an interrupt entry that preempts whatever plays. */
export function emergencyDraft(req: EmergencyRequest) {
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

export interface EmergencySigning {
  /** hub: the hub's key signs takeovers (as content without a board, or through the emergency role); duty: duty officers' own keys; none: nobody may. */
  mode: 'hub' | 'duty' | 'none';
  threshold: number;
  keyids: string[];
  maxDurationMinutes: number | null;
}

/** Who signs takeovers under `root`, for a hub whose key is `hubKeyid`. */
export function emergencySigning(root: RootMetadata, hubKeyid: string): EmergencySigning {
  const role = root.roles.emergency;
  const maxDurationMinutes = role?.maxDurationMinutes ?? null;
  const content = contentSigners(root);
  const hubAlone = (keyids: readonly string[], threshold: number) => threshold === 1 && keyids.includes(hubKeyid);
  if (role && hubAlone(role.keyids, role.threshold)) return { mode: 'hub', threshold: 1, keyids: [hubKeyid], maxDurationMinutes };
  if (hubAlone(content.keys.map((k) => k.keyid), content.threshold)) return { mode: 'hub', threshold: 1, keyids: [hubKeyid], maxDurationMinutes };
  if (role) return { mode: 'duty', threshold: role.threshold, keyids: role.keyids, maxDurationMinutes };
  return { mode: 'none', threshold: 0, keyids: [], maxDurationMinutes };
}

export async function currentEmergencySigning(hub: HubContext): Promise<EmergencySigning> {
  return emergencySigning(await currentRootMetadata(hub.db), hub.publisher.keyid);
}

/** Minutes a takeover stays: what was asked, else the root's maximum, never more than it (30 days without an emergency role). */
export function takeoverMinutes(signing: EmergencySigning, asked: number | undefined): number {
  const max = signing.maxDurationMinutes ?? PLAYLIST_LIFETIME_DAYS * 24 * 60;
  return Math.min(asked ?? max, max);
}

import { z } from 'zod';
import { Heartbeat } from '../../playlists/schemas/reports.ts';
import { DisplaySetting } from './pairing.ts';
import type { HubContext } from '../context.ts';

/** A screen is online while its last heartbeat is younger than 2.5 of its intervals. */
export const ONLINE_INTERVALS = 2.5;

export interface DeviceRow {
  id: string;
  name: string;
  tags: string;
  time_zone: string;
  displays: string;
  channel: string | null;
  public_key: string;
  paired_at: number;
  revoked_at: number | null;
  last_seen: number | null;
  hb_interval_ms: number;
  last_heartbeat: string | null;
  chain_seq: number;
  chain_status: string;
  chain_problems: number;
  screenshot: string | null;
  screenshot_at: number | null;
}

export interface DeviceStatus {
  id: string;
  name: string;
  tags: string[];
  timeZone: string;
  displays: z.infer<typeof Displays>;
  channel: string | null;
  revoked: boolean;
  online: boolean;
  lastSeen: string | null;
  heartbeat: Heartbeat | null;
  chain: { status: string; problems: number; seq: number };
  screenshot: { url: string; at: string } | null;
  pushConnected: boolean;
}

// Read back from the database through the same schemas they were written with.
const Tags = z.array(z.string());
const Displays = z.array(DisplaySetting);
const fromDb = <S extends z.ZodType>(schema: S, text: string | null, fallback: z.infer<S>): z.infer<S> => {
  if (text === null) return fallback;
  const parsed = schema.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : fallback;
};

export function deviceStatus(hub: HubContext, r: DeviceRow): DeviceStatus {
  const now = hub.now();
  return {
    id: r.id,
    name: r.name,
    tags: fromDb(Tags, r.tags, []),
    timeZone: r.time_zone,
    displays: fromDb(Displays, r.displays, []),
    channel: r.channel,
    revoked: r.revoked_at !== null,
    online: r.revoked_at === null && r.last_seen !== null && now - r.last_seen < ONLINE_INTERVALS * r.hb_interval_ms,
    lastSeen: r.last_seen === null ? null : new Date(r.last_seen).toISOString(),
    heartbeat: fromDb(Heartbeat.nullable(), r.last_heartbeat, null),
    chain: { status: r.chain_status, problems: r.chain_problems, seq: r.chain_seq },
    screenshot: r.screenshot ? { url: `/screenshots/${encodeURIComponent(r.id)}/${r.screenshot}.png`, at: new Date(r.screenshot_at!).toISOString() } : null,
    pushConnected: hub.push.connected(r.id),
  };
}

export async function listDevices(hub: HubContext): Promise<DeviceStatus[]> {
  const rows = await hub.db.all<DeviceRow>('SELECT * FROM devices ORDER BY revoked_at IS NOT NULL, name, id');
  return rows.map((r) => deviceStatus(hub, r));
}

export async function getDevice(hub: HubContext, id: string): Promise<DeviceStatus | undefined> {
  const row = await hub.db.get<DeviceRow>('SELECT * FROM devices WHERE id = $1', [id]);
  return row && deviceStatus(hub, row);
}

export async function chainFlags(hub: HubContext, id: string) {
  return hub.db.all<{ at: number; kind: string; seq: number; record_id: string; detail: string }>(
    'SELECT at, kind, seq, record_id, detail FROM chain_flags WHERE device_id = $1 ORDER BY at DESC, seq DESC LIMIT 50',
    [id],
  );
}

export async function recentCommands(hub: HubContext, id: string) {
  return hub.db.all<{ id: string; name: string; issued_at: number; issued_by: string; status: string; result_ok: number | null; message: string | null; has_image: number }>(
    'SELECT id, name, issued_at, issued_by, status, result_ok, message, has_image FROM commands WHERE device_id = $1 ORDER BY issued_at DESC LIMIT 20',
    [id],
  );
}

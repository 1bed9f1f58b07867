import { z } from 'zod';
import { ErrorCode, Heartbeat, PowerBackend } from '../../playlists/schemas/reports.ts';
import { DisplaySetting, type DeviceSummary, type PlaybackHealth } from '../../playlists/schemas/operator-api.ts';
import type { Command } from '../../playlists/schemas/device-api.ts';
import type { HubContext } from '../context.ts';
import { displayShots } from '../reports/command-results.ts';
import { parseJsonText } from '../../playlists/parse.ts';
import { HEALTH_WINDOW_MS, playbackHealth } from '../reports/queries.ts';
import { storedHours } from './settings-doc.ts';

/** A screen is online while its last heartbeat is younger than 2.5 of its intervals. */
export const ONLINE_INTERVALS = 2.5;

export interface DeviceRow {
  id: string;
  name: string;
  site_group: string | null;
  tags: string;
  time_zone: string;
  displays: string;
  channel: string | null;
  volume: number | null;
  language: string | null;
  power: string | null;
  operating_hours: string | null;
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
  error_json: string | null;
  error_cleared_at: number | null;
}

// Read back from the database through the same schemas they were written with.
const Tags = z.array(z.string());
const Displays = z.array(DisplaySetting);
export const LastError = z.strictObject({ code: ErrorCode, message: z.string(), at: z.string() });
const fromDb = <S extends z.ZodType>(schema: S, text: string | null, fallback: z.infer<S>): z.infer<S> => {
  if (text === null) return fallback;
  const parsed = schema.safeParse(parseJsonText(text, 'stored JSON'));
  return parsed.success ? parsed.data : fallback;
};

const ZONES = ['main', 'side', 'ticker'];
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const screenshotUrl = (deviceId: string, commandId: string) => `/api/devices/${encodeURIComponent(deviceId)}/screenshots/${commandId}.png`;

/** One screen as the fleet page shows it: what plays by title, per display in its order; the last error unless it recovered. */
const noPlays = (now: number): PlaybackHealth => ({ since: new Date(now - HEALTH_WINDOW_MS).toISOString(), plays: 0, skipped: 0, errors: 0, lastProblem: null, warning: false });

export async function deviceStatus(hub: HubContext, r: DeviceRow, channelTitles: Map<string, string>, health?: PlaybackHealth): Promise<DeviceSummary> {
  const now = hub.now();
  const heartbeat = fromDb(Heartbeat.nullable(), r.last_heartbeat, null);
  const displays = fromDb(Displays, r.displays, []);
  const order = [...displays.map((d) => d.id), ...(heartbeat?.displays ?? []).map((d) => d.id)];
  const rank = (display: string) => (order.includes(display) ? order.indexOf(display) : order.length);
  const running = heartbeat?.playlist.channel && heartbeat.playlist.version ? { channel: heartbeat.playlist.channel, version: heartbeat.playlist.version } : undefined;
  const titles = running ? await hub.titles.titles(hub, running.channel, running.version) : new Map();
  const nowPlaying = [...(heartbeat?.nowPlaying ?? [])]
    .sort((a, b) => rank(a.display) - rank(b.display) || ZONES.indexOf(a.zone) - ZONES.indexOf(b.zone))
    .map((p) => ({ display: p.display, zone: p.zone, itemId: p.itemId, title: titles.get(p.itemId) ?? null, kind: p.kind, since: p.since }));
  const channelTitle = running ? (channelTitles.get(running.channel) ?? null) : null;
  return {
    id: r.id,
    name: r.name,
    group: r.site_group,
    tags: fromDb(Tags, r.tags, []),
    timeZone: r.time_zone,
    displays,
    channel: r.channel,
    volume: r.volume === null ? 100 : Number(r.volume),
    language: r.language,
    power: PowerBackend.safeParse(r.power).data ?? null,
    operatingHours: storedHours(r.operating_hours),
    revoked: r.revoked_at !== null,
    online: r.revoked_at === null && r.last_seen !== null && now - r.last_seen < ONLINE_INTERVALS * r.hb_interval_ms,
    lastHeartbeatAt: iso(r.last_seen),
    playlist: heartbeat ? { state: heartbeat.playlist.state, channel: running?.channel ?? null, version: running?.version ?? null, title: channelTitle } : null,
    nowPlaying,
    lastError: r.error_cleared_at === null ? fromDb(LastError.nullable(), r.error_json, null) : null,
    chain: { status: r.chain_status, problems: Number(r.chain_problems), seq: Number(r.chain_seq) },
    screenshot: r.screenshot ? { url: screenshotUrl(r.id, r.screenshot), at: new Date(r.screenshot_at!).toISOString() } : null,
    pushConnected: hub.push.connected(r.id),
    heartbeat,
    playback: health ?? noPlays(now),
    playEvents: { stalled: (heartbeat?.playEvents ?? []).some((p) => p.stalled), displays: heartbeat?.playEvents ?? [] },
  };
}

const channelTitles = async (hub: HubContext) => new Map((await hub.db.all<{ id: string; title: string }>('SELECT id, title FROM channels')).map((c) => [c.id, c.title]));

export async function listDevices(hub: HubContext): Promise<DeviceSummary[]> {
  const rows = await hub.db.all<DeviceRow>('SELECT * FROM devices ORDER BY revoked_at IS NOT NULL, name, id');
  const titles = await channelTitles(hub);
  const health = await playbackHealth(hub.db, hub.now());
  return Promise.all(rows.map((r) => deviceStatus(hub, r, titles, health.get(r.id))));
}

export async function getDevice(hub: HubContext, id: string): Promise<DeviceSummary | undefined> {
  const row = await hub.db.get<DeviceRow>('SELECT * FROM devices WHERE id = $1', [id]);
  return row && deviceStatus(hub, row, await channelTitles(hub), (await playbackHealth(hub.db, hub.now(), id)).get(id));
}

export async function chainFlags(hub: HubContext, id: string) {
  const rows = await hub.db.all<{ at: number; kind: string; seq: number; record_id: string; detail: string }>(
    'SELECT at, kind, seq, record_id, detail FROM chain_flags WHERE device_id = $1 ORDER BY at DESC, seq DESC LIMIT 50',
    [id],
  );
  return rows.map((f) => ({ at: new Date(Number(f.at)).toISOString(), kind: f.kind, seq: Number(f.seq), recordId: f.record_id, detail: f.detail }));
}

export async function recentCommands(hub: HubContext, id: string) {
  const shots = await displayShots(hub, id);
  const rows = await hub.db.all<{ id: string; name: Command['name']; issued_at: number; issued_by: string; status: 'queued' | 'sent' | 'done'; result_ok: number | null; message: string | null; done_at: number | null; has_image: number }>(
    'SELECT id, name, issued_at, issued_by, status, result_ok, message, done_at, has_image FROM commands WHERE device_id = $1 ORDER BY issued_at DESC LIMIT 20',
    [id],
  );
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    issuedAt: new Date(Number(c.issued_at)).toISOString(),
    issuedBy: c.issued_by,
    status: c.status,
    ok: c.result_ok === null ? null : c.result_ok === 1,
    message: c.message,
    doneAt: iso(c.done_at === null ? null : Number(c.done_at)),
    // Older players sent the whole screen as one image; newer ones one per display.
    screenshotUrl: c.has_image && !shots.has(c.id) ? screenshotUrl(id, c.id) : null,
    screenshots: shots.get(c.id) ?? [],
  }));
}

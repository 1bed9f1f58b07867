import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { parseJsonText, parseUnknown } from '../../playlists/parse.ts';
import { AlertRule, AlertSettings, type Alert } from '../../playlists/schemas/alerts.ts';
import { Heartbeat } from '../../playlists/schemas/reports.ts';
import type { HubContext } from '../context.ts';
import { localDay } from '../reports/days.ts';
import { evaluate, type ScreenFacts } from './rules.ts';

const SETTINGS_KEY = 'alerts';

export async function loadSettings(hub: HubContext): Promise<AlertSettings> {
  const row = await hub.db.get<{ value: string }>('SELECT value FROM settings WHERE key = $1', [SETTINGS_KEY]);
  return parseUnknown(AlertSettings, row ? parseJsonText(row.value, 'alert settings') : {}, 'alert settings');
}

/** Parsed before it is written, like everything else the hub stores. */
export async function saveSettings(hub: HubContext, settings: AlertSettings): Promise<void> {
  const value = JSON.stringify(parseUnknown(AlertSettings, settings, 'alert settings'));
  await hub.db.run('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [SETTINGS_KEY, value]);
}

export interface AlertRow {
  id: string;
  device_id: string;
  rule: string;
  params: string;
  opened_at: number;
  closed_at: number | null;
  open_sent: number;
  close_sent: number;
  name: string | null;
  tags: string | null;
}

const Params = z.record(z.string(), z.union([z.string(), z.number()]));
const Tags = z.array(z.string());

export const alertOf = (r: AlertRow): Alert => ({
  id: r.id,
  deviceId: r.device_id,
  deviceName: r.name ?? r.device_id,
  rule: parseUnknown(AlertRule, r.rule, 'alert rule'),
  params: parseUnknown(Params, parseJsonText(r.params, 'alert params'), 'alert params'),
  openedAt: new Date(Number(r.opened_at)).toISOString(),
  closedAt: r.closed_at === null ? null : new Date(Number(r.closed_at)).toISOString(),
});

export const tagsOf = (r: AlertRow): string[] => parseUnknown(Tags, parseJsonText(r.tags ?? '[]', 'device tags'), 'device tags');

const SELECT = 'SELECT a.*, d.name, d.tags FROM alerts a LEFT JOIN devices d ON d.id = a.device_id';

export async function listAlerts(hub: HubContext, pastLimit = 200): Promise<{ open: Alert[]; past: Alert[] }> {
  const open = await hub.db.all<AlertRow>(`${SELECT} WHERE a.closed_at IS NULL ORDER BY a.opened_at DESC, a.id`);
  const past = await hub.db.all<AlertRow>(`${SELECT} WHERE a.closed_at IS NOT NULL ORDER BY a.closed_at DESC, a.id LIMIT $1`, [pastLimit]);
  return { open: open.map(alertOf), past: past.map(alertOf) };
}

/** Alerts whose opening or closing is not yet in a message. */
export async function unsent(hub: HubContext): Promise<AlertRow[]> {
  return hub.db.all<AlertRow>(`${SELECT} WHERE a.open_sent = 0 OR (a.closed_at IS NOT NULL AND a.close_sent = 0) ORDER BY a.opened_at, a.id`);
}

interface DeviceFactsRow {
  id: string;
  last_seen: number | null;
  hb_interval_ms: number;
  last_heartbeat: string | null;
  chain_status: string;
  chain_problems: number;
  channel: string | null;
}

/**
 * Runs the rules over every active screen and brings the alerts table in
 * line: a rule that holds and has no open alert opens one; an open alert
 * whose rule no longer holds closes. Answers how many opened and closed.
 */
export async function syncAlerts(hub: HubContext, settings: AlertSettings): Promise<{ opened: number; closed: number }> {
  const now = hub.now();
  const t = settings.thresholds;
  const devices = await hub.db.all<DeviceFactsRow>('SELECT id, last_seen, hb_interval_ms, last_heartbeat, chain_status, chain_problems, channel FROM devices WHERE revoked_at IS NULL');
  const since = now - t.skippedWindowMinutes * 60_000;
  // `day` is the screen's local day: from the UTC day before, every zone is covered and the day index narrows the scan.
  const plays = await hub.db.all<{ device_id: string; plays: number; skipped: number }>(
    "SELECT device_id, COUNT(*) AS plays, CAST(SUM(CASE WHEN outcome = 'skipped' THEN 1 ELSE 0 END) AS BIGINT) AS skipped FROM plays WHERE day >= $1 AND ended_at >= $2 GROUP BY device_id",
    [localDay(since - 86_400_000, 'UTC'), since],
  );
  const channels = await hub.db.all<{ id: string; version: number; published_at: number | null }>('SELECT id, version, published_at FROM channels');
  const open = await hub.db.all<{ id: string; device_id: string; rule: string }>('SELECT id, device_id, rule FROM alerts WHERE closed_at IS NULL');
  let opened = 0;
  let closed = 0;
  for (const d of devices) {
    const parsed = d.last_heartbeat === null ? null : Heartbeat.safeParse(parseJsonText(d.last_heartbeat, 'stored heartbeat'));
    const heartbeat = parsed?.success ? parsed.data : null;
    const channel = channels.find((c) => c.id === (d.channel ?? heartbeat?.playlist.channel));
    const p = plays.find((x) => x.device_id === d.id);
    const facts: ScreenFacts = {
      lastSeen: d.last_seen === null ? null : Number(d.last_seen),
      heartbeatIntervalMs: Number(d.hb_interval_ms),
      heartbeat,
      chainStatus: d.chain_status,
      chainProblems: Number(d.chain_problems),
      plays: Number(p?.plays ?? 0),
      skipped: Number(p?.skipped ?? 0),
      publishedAt: channel?.published_at == null ? null : Number(channel.published_at),
      publishedVersion: channel ? Number(channel.version) : null,
    };
    const { holding, unknown } = evaluate(facts, t, now);
    const mine = open.filter((a) => a.device_id === d.id);
    for (const [rule, params] of holding) {
      if (mine.some((a) => a.rule === rule)) continue;
      // ON CONFLICT: another hub process may have opened it a moment ago.
      const r = await hub.db.run(
        'INSERT INTO alerts (id, device_id, rule, params, opened_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (device_id, rule) WHERE closed_at IS NULL DO NOTHING',
        [randomUUID(), d.id, rule, JSON.stringify(params), now],
      );
      opened += r.changes;
    }
    for (const a of mine) {
      if (holding.has(a.rule as AlertRule) || unknown.includes(a.rule as AlertRule)) continue;
      closed += (await hub.db.run('UPDATE alerts SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL', [now, a.id])).changes;
    }
  }
  // A revoked or deleted screen's alerts end with it, without a "back to normal" (it is not).
  const gone = open.filter((a) => !devices.some((d) => d.id === a.device_id));
  for (const a of gone) await hub.db.run('UPDATE alerts SET closed_at = $1, close_sent = 1 WHERE id = $2 AND closed_at IS NULL', [now, a.id]);
  return { opened, closed };
}

import type { EventBatch, Heartbeat } from '../../playlists/schemas/reports.ts';
import type { Command } from '../../playlists/schemas/device-api.ts';
import type { HubContext } from '../context.ts';
import type { Param } from '../db/db.ts';
import type { DeviceAuth } from '../devices/cache.ts';
import { unansweredCommands } from './commands.ts';
import { localDay } from './days.ts';

const MIN_INTERVAL_MS = 5_000;
const MAX_INTERVAL_MS = 3_600_000;

/** The newest error or refusal a heartbeat carries (the player keeps its last 20 errors). */
function newestError(hb: Heartbeat): { code: string; message: string; at: string } | null {
  const all = [...hb.errors, ...(hb.rejection ? [{ code: hb.rejection.code, message: hb.rejection.message, at: hb.rejection.at }] : [])];
  return all.reduce<(typeof all)[number] | null>((a, b) => (a === null || Date.parse(b.at) > Date.parse(a.at) ? b : a), null);
}

/** Playing from a current, complete cache, with no refusal standing: the screen has recovered from what went before. */
const healthy = (hb: Heartbeat) => hb.playlist.state === 'ok' && hb.cache.ready && hb.nowPlaying.length > 0 && hb.rejection === null;

/**
 * Stores a heartbeat once (by id) and learns the screen's heartbeat interval for the online rule.
 * The last error is kept per screen; it is cleared when a later heartbeat, one that reports the
 * same newest error (so none since), shows the screen healthy; a new error shows again at once.
 */
export async function ingestHeartbeat(hub: HubContext, device: DeviceAuth, hb: Heartbeat): Promise<{ serverTime: string; commands: Command[] }> {
  const now = hub.now();
  const body = JSON.stringify(hb);
  const error = newestError(hb);
  const errorJson = error && JSON.stringify(error);
  await hub.writes.run(async (db) => {
    const inserted = await db.run('INSERT INTO heartbeats (id, device_id, received_at, body) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
      hb.id,
      device.id,
      now,
      body,
    ]);
    if (!inserted.changes) return;
    // The interval is learnt from the gap since the last heartbeat (clamped, smoothed so one late beat does not stretch the online window).
    await db.run(
      `UPDATE devices SET last_heartbeat = $1,
         hb_interval_ms = CASE WHEN last_seen IS NULL THEN hb_interval_ms
           ELSE CAST(hb_interval_ms * 0.7 + 0.3 * (CASE WHEN $2 - last_seen < $3 THEN $3 WHEN $2 - last_seen > $4 THEN $4 ELSE $2 - last_seen END) AS BIGINT) END,
         last_seen = $2,
         error_cleared_at = CASE WHEN COALESCE(error_json, '') = COALESCE($6, '') AND $7 = 1 THEN COALESCE(error_cleared_at, $2) ELSE NULL END,
         error_json = $6
       WHERE id = $5`,
      [body, now, MIN_INTERVAL_MS, MAX_INTERVAL_MS, device.id, errorJson, healthy(hb) ? 1 : 0],
    );
  });
  return { serverTime: new Date(now).toISOString(), commands: await unansweredCommands(hub, device.id) };
}

export async function ingestEvents(hub: HubContext, device: DeviceAuth, batch: EventBatch): Promise<{ accepted: string[] }> {
  const cols = 12;
  const params: Param[] = [];
  const rows = batch.events.map((e, i) => {
    const at = Date.parse(e.at);
    params.push(e.id, device.id, at, localDay(at, device.timeZone), e.display, e.action, e.section ?? null, e.page ?? null, e.language ?? null, e.quiz ?? null, e.score ?? null, e.total ?? null);
    return `(${Array.from({ length: cols }, (_, c) => `$${i * cols + c + 1}`).join(',')})`;
  });
  await hub.db.run(
    `INSERT INTO interactions (id, device_id, at, day, display, action, section, page, language, quiz, score, total) VALUES ${rows.join(',')} ON CONFLICT (id) DO NOTHING`,
    params,
  );
  return { accepted: batch.events.map((e) => e.id) };
}

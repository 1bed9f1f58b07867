import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CommandResult, LOG_PULL } from '../../playlists/schemas/device-api.ts';
import { Id, Instant } from '../../playlists/schemas/common.ts';
import type { DeviceLogPull, DisplayShot } from '../../playlists/schemas/fleet-ops.ts';
import type { z } from 'zod';
import type { HubContext } from '../context.ts';
import { MAX_REPORT_BYTES, readBody, readJson } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import type { Ctx } from '../http/router.ts';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_SCREENSHOT_BYTES = 16 * 1024 * 1024;
/** A log pull's text, with room over the screen's own bound for a line it could not cut. */
const MAX_LOG_BYTES = LOG_PULL.maxBytes + 64 * 1024;

export const screenshotUrl = (deviceId: string, file: string) => `/api/devices/${encodeURIComponent(deviceId)}/screenshots/${file}.png`;
/** Screenshot files: <command id>.png (the whole screen, older players), <command id>.<display>.png (one display). */
export const SCREENSHOT_FILE = /^[A-Za-z0-9-]{8,64}(\.[A-Za-z0-9][A-Za-z0-9_-]{0,127})?\.png$/;

interface CommandRow {
  id: string;
  name: string;
}

/**
 * A screen's answer to a command (POST …/commands/<id>): a PNG (one display's,
 * named by ?display=, the result follows; or the whole screen's from an older
 * player, which is the result), the log's tail as text/plain, or a JSON result.
 */
export async function acceptCommandResult(hub: HubContext, ctx: Ctx, deviceId: string, cmd: CommandRow): Promise<void> {
  const now = hub.now();
  const type = ctx.req.headers['content-type'] ?? '';
  if (type.startsWith('image/png')) {
    const png = await readBody(ctx.req, MAX_SCREENSHOT_BYTES);
    if (!png.subarray(0, 8).equals(PNG_MAGIC)) throw new HttpError(400, 'MALFORMED', 'screenshot body is not a PNG image');
    const display = ctx.url.searchParams.get('display');
    if (display !== null && !Id.safeParse(display).success) throw new HttpError(400, 'SCHEMA_INVALID', 'display is not a display id', [{ path: 'display', message: 'expected a display id' }]);
    const taken = Instant.safeParse(ctx.url.searchParams.get('takenAt'));
    const dir = join(hub.dataDir, 'screenshots', deviceId);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, display === null ? `${cmd.id}.png` : `${cmd.id}.${display}.png`), png);
    if (display === null) await hub.db.run("UPDATE commands SET status = 'done', result_ok = 1, has_image = 1, done_at = $1 WHERE id = $2", [now, cmd.id]);
    else {
      await hub.db.run(
        `INSERT INTO command_screenshots (command_id, device_id, display, taken_at, received_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (command_id, display) DO UPDATE SET taken_at = excluded.taken_at, received_at = excluded.received_at`,
        [cmd.id, deviceId, display, taken.success ? Date.parse(taken.data) : now, now],
      );
      await hub.db.run('UPDATE commands SET has_image = 1 WHERE id = $1', [cmd.id]);
    }
    await hub.db.run('UPDATE devices SET screenshot = $1, screenshot_at = $2 WHERE id = $3', [display === null ? cmd.id : `${cmd.id}.${display}`, now, deviceId]);
    return;
  }
  if (type.startsWith('text/plain')) {
    if (cmd.name !== 'log') throw new HttpError(400, 'MALFORMED', `a ${cmd.name} command is not answered with text`);
    const bytes = await readBody(ctx.req, MAX_LOG_BYTES);
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const lines = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    await hub.db.run(
      `INSERT INTO device_logs (device_id, command_id, pulled_at, lines, bytes, body) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (device_id) DO UPDATE SET command_id = excluded.command_id, pulled_at = excluded.pulled_at, lines = excluded.lines, bytes = excluded.bytes, body = excluded.body`,
      [deviceId, cmd.id, now, lines, bytes.length, text],
    );
    await hub.db.run("UPDATE commands SET status = 'done', result_ok = 1, message = $1, done_at = $2 WHERE id = $3", [`${lines} lines, ${bytes.length} bytes`, now, cmd.id]);
    return;
  }
  const result = await readJson(ctx.req, CommandResult, 'command result', Math.min(16 * 1024, MAX_REPORT_BYTES));
  await hub.db.run("UPDATE commands SET status = 'done', result_ok = $1, message = $2, done_at = $3 WHERE id = $4", [result.ok ? 1 : 0, result.message ?? null, now, cmd.id]);
}

/** Each command's per-display screenshots, in display order as the screen sent them. */
export async function displayShots(hub: HubContext, deviceId: string): Promise<Map<string, z.input<typeof DisplayShot>[]>> {
  const rows = await hub.db.all<{ command_id: string; display: string; taken_at: number; received_at: number }>(
    'SELECT command_id, display, taken_at, received_at FROM command_screenshots WHERE device_id = $1 ORDER BY received_at DESC LIMIT 200',
    [deviceId],
  );
  const by = new Map<string, z.input<typeof DisplayShot>[]>();
  for (const r of rows.reverse()) {
    const list = by.get(r.command_id) ?? [];
    list.push({ display: r.display, url: screenshotUrl(deviceId, `${r.command_id}.${r.display}`), takenAt: new Date(Number(r.taken_at)).toISOString() });
    by.set(r.command_id, list);
  }
  return by;
}

export const logDownloadUrl = (deviceId: string) => `/api/devices/${encodeURIComponent(deviceId)}/log`;

/** The screen's latest log pull, or null before the first. */
export async function latestLog(hub: HubContext, deviceId: string): Promise<z.input<typeof DeviceLogPull> | null> {
  const r = await hub.db.get<{ command_id: string; pulled_at: number; lines: number; bytes: number; body: string }>(
    'SELECT command_id, pulled_at, lines, bytes, body FROM device_logs WHERE device_id = $1',
    [deviceId],
  );
  if (!r) return null;
  return { commandId: r.command_id, pulledAt: new Date(Number(r.pulled_at)).toISOString(), lines: Number(r.lines), bytes: Number(r.bytes), text: r.body, downloadUrl: logDownloadUrl(deviceId) };
}

import { randomUUID } from 'node:crypto';
import { parseJsonText } from '../../playlists/parse.ts';
import { LogPull, type Command } from '../../playlists/schemas/device-api.ts';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';

interface CommandRow {
  id: string;
  name: Command['name'];
  issued_at: number;
  params: string | null;
}

/** A log pull's bounds ride with the command; stored as JSON, read back through the same schema. */
const boundsOf = (params: string | null) => {
  const parsed = params === null ? undefined : LogPull.safeParse(parseJsonText(params, 'command parameters'));
  return parsed?.success ? { log: parsed.data } : {};
};
const toCommand = (r: CommandRow): Command => ({ id: r.id, name: r.name, issuedAt: new Date(Number(r.issued_at)).toISOString(), ...boundsOf(r.params) });

/**
 * How long an unanswered command is offered again. A screen away for longer gets it no more: a reload or a
 * screenshot from yesterday is not what the operator wants now (the studio shows it sent and never answered).
 */
export const RESEND_FOR_MS = 24 * 3_600_000;

/** Queue a command; push it at once when the screen is connected, else it rides on the next heartbeat ack. */
export async function issueCommand(hub: HubContext, deviceId: string, name: Command['name'], username: string, log?: LogPull): Promise<string> {
  const params = name === 'log' ? JSON.stringify(LogPull.parse(log ?? {})) : null;
  const row: CommandRow = { id: randomUUID(), name, issued_at: hub.now(), params };
  const pushed = hub.push.connected(deviceId);
  await hub.db.run('INSERT INTO commands (id, device_id, name, issued_at, issued_by, status, params) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    row.id,
    deviceId,
    name,
    row.issued_at,
    username,
    pushed ? 'sent' : 'queued',
    params,
  ]);
  if (pushed) hub.push.send(deviceId, 'command', toCommand(row));
  await audit(hub, username, 'command', `${name} → device ${deviceId}`);
  return row.id;
}

/**
 * Commands the screen has not answered yet, for a heartbeat ack or a push stream that just connected: queued
 * ones (marked sent now) and sent ones again. A push stream can die without the hub noticing, and what was
 * written to it is lost; only the screen's answer (POST …/commands/<id>, status done) stops the resending.
 * The screen runs each id once, again only when its answer did not get through (core/report/commands.ts).
 */
export async function unansweredCommands(hub: HubContext, deviceId: string): Promise<Command[]> {
  const rows = await hub.db.all<CommandRow & { status: string }>(
    "SELECT id, name, issued_at, status, params FROM commands WHERE device_id = $1 AND status IN ('queued', 'sent') AND issued_at >= $2 ORDER BY issued_at LIMIT 20",
    [deviceId, hub.now() - RESEND_FOR_MS],
  );
  for (const r of rows) if (r.status === 'queued') await hub.db.run("UPDATE commands SET status = 'sent' WHERE id = $1 AND status = 'queued'", [r.id]);
  return rows.map(toCommand);
}

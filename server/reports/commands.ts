import { randomUUID } from 'node:crypto';
import type { Command } from '../../playlists/schemas/device-api.ts';
import { audit } from '../audit.ts';
import type { HubContext } from '../context.ts';

interface CommandRow {
  id: string;
  name: Command['name'];
  issued_at: number;
}

const toCommand = (r: CommandRow): Command => ({ id: r.id, name: r.name, issuedAt: new Date(r.issued_at).toISOString() });

/** Queue a command; push it at once when the screen is connected, else it rides on the next heartbeat ack. */
export async function issueCommand(hub: HubContext, deviceId: string, name: Command['name'], username: string): Promise<string> {
  const row: CommandRow = { id: randomUUID(), name, issued_at: hub.now() };
  const pushed = hub.push.connected(deviceId);
  await hub.db.run('INSERT INTO commands (id, device_id, name, issued_at, issued_by, status) VALUES ($1, $2, $3, $4, $5, $6)', [
    row.id,
    deviceId,
    name,
    row.issued_at,
    username,
    pushed ? 'sent' : 'queued',
  ]);
  if (pushed) hub.push.send(deviceId, 'command', toCommand(row));
  await audit(hub, username, 'command', `${name} → device ${deviceId}`);
  return row.id;
}

/** Commands still queued for a device (heartbeat ack, or a push stream that just connected); marks them sent. */
export async function takeQueued(hub: HubContext, deviceId: string): Promise<Command[]> {
  const rows = await hub.db.all<CommandRow>("SELECT id, name, issued_at FROM commands WHERE device_id = $1 AND status = 'queued' ORDER BY issued_at LIMIT 20", [deviceId]);
  if (rows.length === 0) return [];
  for (const r of rows) await hub.db.run("UPDATE commands SET status = 'sent' WHERE id = $1", [r.id]);
  return rows.map(toCommand);
}

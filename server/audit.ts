import { randomUUID } from 'node:crypto';
import type { HubContext } from './context.ts';

/** One line of the audit log: who (a normalised user name), what, and about which thing. */
export async function audit(hub: HubContext, username: string, action: string, detail: string): Promise<void> {
  await hub.db.run('INSERT INTO audit (id, at, username, action, detail) VALUES ($1, $2, $3, $4, $5)', [randomUUID(), hub.now(), username, action, detail]);
}

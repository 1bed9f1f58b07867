import type { Role } from '../../playlists/schemas/operator-api.ts';

export { atLeast, Role, ROLES } from '../../playlists/schemas/operator-api.ts';

/** What each action needs; one table so the dashboard and the API agree. */
export const NEEDS = {
  view: 'viewer',
  draft: 'editor',
  upload: 'editor',
  publish: 'approver',
  emergency: 'approver',
  command: 'approver',
  pair: 'approver',
  revoke: 'admin',
  users: 'admin',
  roots: 'admin',
} as const satisfies Record<string, Role>;
export type Action = keyof typeof NEEDS;

import { z } from 'zod';

export const ROLES = ['viewer', 'editor', 'approver', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** viewer < editor < approver < admin: each role can do what the ones before it can. */
export const atLeast = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);

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

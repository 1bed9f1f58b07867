/**
 * Who may call an operator route, by the least role it needs (roles are
 * ordered viewer < editor < approver < admin: `atLeast` in operator-accounts.ts, checked by server/http/api.ts). One
 * place for the four, so the route tables spread into operator-api.ts
 * (board, workflow, emergency, fleet, root) cannot drift apart.
 */
export const viewer = { auth: 'operator', role: 'viewer' } as const;
export const editor = { auth: 'operator', role: 'editor' } as const;
export const approver = { auth: 'operator', role: 'approver' } as const;
export const admin = { auth: 'operator', role: 'admin' } as const;

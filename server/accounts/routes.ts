import { API, LANGUAGES, ROLES, type Me } from '../../playlists/schemas/operator-api.ts';
import { createSession, endSession, sameOrigin, sessionCookie, type Operator } from '../auth/sessions.ts';
import type { HubContext } from '../context.ts';
import { api } from '../http/api.ts';
import { HttpError } from '../http/errors.ts';
import type { Router } from '../http/router.ts';
import { createToken, listTokens, revokeToken } from './tokens.ts';
import { changePassword, checkLogin, createUser, listUsers, resetPassword, updateUser } from './users.ts';

async function meOf(hub: HubContext, userId: string, via: Operator['via'], csrf: string | null): Promise<Me> {
  const u = await hub.db.get<{ id: string; username: string; role: Me['role']; language: Me['language']; must_change_password: number }>(
    'SELECT id, username, role, language, must_change_password FROM users WHERE id = $1',
    [userId],
  );
  if (!u) throw new HttpError(401, 'UNAUTHORIZED', 'missing or invalid operator session');
  return { id: u.id, username: u.username, role: u.role, language: u.language, csrf, via, mustChangePassword: u.must_change_password === 1, timeZone: hub.timeZone };
}

export function accountRoutes(hub: HubContext, router: Router): void {
  api(hub, router, API.login, async ({ ctx, body }) => {
    // Login CSRF: a page on another site could sign a victim into the attacker's account.
    if (!sameOrigin(ctx.req)) throw new HttpError(403, 'CROSS_ORIGIN', 'cross-origin sign-in refused');
    const user = await checkLogin(hub, ctx.req.socket.remoteAddress ?? '', body);
    const session = await createSession(hub, user.id);
    ctx.res.setHeader('set-cookie', sessionCookie(hub, ctx.req, session.cookie));
    return meOf(hub, user.id, 'session', session.csrf);
  }, { maxBytes: 8 * 1024 });

  api(hub, router, API.logout, async ({ ctx }) => {
    await endSession(hub, ctx.req);
    ctx.res.setHeader('set-cookie', sessionCookie(hub, ctx.req, '', 0));
    return { ok: true };
  });

  api(hub, router, API.me, ({ op }) => meOf(hub, op.userId, op.via, op.csrf ?? null));

  api(hub, router, API.setLanguage, async ({ op, body }) => {
    await hub.db.run('UPDATE users SET language = $1 WHERE id = $2', [body.language, op.userId]);
    return meOf(hub, op.userId, op.via, op.csrf ?? null);
  });

  api(hub, router, API.changePassword, async ({ ctx, op, body }) => {
    await changePassword(hub, op.userId, body.current, body.next, op.via === 'session' ? ctx.req : undefined);
    return { ok: true };
  });

  api(hub, router, API.settings, () => ({
    timeZone: hub.timeZone,
    languages: [...LANGUAGES],
    defaultLanguage: 'vi' as const,
    maxUploadBytes: hub.limits.maxUploadBytes,
    roles: [...ROLES],
  }));

  api(hub, router, API.listUsers, async () => ({ users: await listUsers(hub) }));
  api(hub, router, API.createUser, ({ op, body }) => createUser(hub, body, op.username));
  api(hub, router, API.updateUser, async ({ op, body, params }) => ({ user: await updateUser(hub, params.id!, body, op.username) }));
  api(hub, router, API.resetPassword, async ({ op, params }) => ({ password: await resetPassword(hub, params.id!, op.username) }));

  api(hub, router, API.listTokens, async ({ op }) => ({ tokens: await listTokens(hub, op) }));
  api(hub, router, API.createToken, ({ op, body }) => createToken(hub, op, body.name, body.expiresInDays));
  api(hub, router, API.revokeToken, async ({ op, params }) => {
    await revokeToken(hub, op, params.id!);
    return { ok: true };
  });
}

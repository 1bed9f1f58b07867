import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { normaliseUsername, type Login, type NewUser, type Role, type User, type UserPatch } from '../../playlists/schemas/operator-api.ts';
import { audit } from '../audit.ts';
import { generatePassword, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { endSessionsOf, loginThrottled } from '../auth/sessions.ts';
import type { HubContext } from '../context.ts';
import { conflict, HttpError, notFound } from '../http/errors.ts';
import { revokeTokensOf } from './tokens.ts';

interface UserRow {
  id: string;
  username: string;
  role: Role;
  disabled: number;
  must_change_password: number;
  created_at: number;
  last_login_at: number | null;
  sessions: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  role: r.role,
  disabled: r.disabled === 1,
  mustChangePassword: r.must_change_password === 1,
  createdAt: new Date(r.created_at).toISOString(),
  lastLoginAt: iso(r.last_login_at),
  sessions: Number(r.sessions),
});

const SELECT_USERS = `SELECT u.id, u.username, u.role, u.disabled, u.must_change_password, u.created_at, u.last_login_at,
  (SELECT COUNT(*) FROM sessions s WHERE s.user_id = u.id AND s.expires_at > $1) AS sessions FROM users u`;

export async function listUsers(hub: HubContext): Promise<User[]> {
  return (await hub.db.all<UserRow>(`${SELECT_USERS} ORDER BY u.username`, [hub.now()])).map(toUser);
}

export async function getUser(hub: HubContext, id: string): Promise<User> {
  const row = await hub.db.get<UserRow>(`${SELECT_USERS} WHERE u.id = $2`, [hub.now(), id]);
  if (!row) throw notFound('user');
  return toUser(row);
}

/** Without a password the hub makes one, answers it once, and the user must change it at first sign-in. */
export async function createUser(hub: HubContext, user: z.output<typeof NewUser>, by: string): Promise<{ user: User; password?: string }> {
  const id = randomUUID();
  const generated = user.password === undefined ? generatePassword() : undefined;
  const username = normaliseUsername(user.username);
  const done = await hub.db.run(
    `INSERT INTO users (id, username, password_hash, role, created_at, must_change_password) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (username) DO NOTHING`,
    [id, username, await hashPassword(user.password ?? generated!), user.role, hub.now(), generated ? 1 : 0],
  );
  if (!done.changes) throw conflict('USERNAME_TAKEN', `user ${username} already exists`, { username });
  await audit(hub, by, 'user-create', `${username} (${user.role})`);
  return { user: await getUser(hub, id), ...(generated ? { password: generated } : {}) };
}

/** First start: an admin with a random password, printed once on the console (not a one-time password: it is the demo's login). */
export async function ensureAdmin(hub: HubContext): Promise<{ username: string; password: string } | undefined> {
  if (await hub.db.get('SELECT id FROM users LIMIT 1')) return undefined;
  const password = generatePassword();
  await hub.db.run('INSERT INTO users (id, username, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5)', [randomUUID(), 'admin', await hashPassword(password), 'admin', hub.now()]);
  return { username: 'admin', password };
}

// Hashed even for unknown users, so timing does not reveal which names exist.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Checks a password, limited per (client address, normalised user name) so
 * no spelling of a name (" Vera ", "VERA") earns more guesses; the same
 * answer for an unknown user and a wrong password.
 */
export async function checkLogin(hub: HubContext, ip: string, login: z.output<typeof Login>): Promise<{ id: string }> {
  const username = normaliseUsername(login.username);
  const key = `${ip}|${username}`;
  const blocked = hub.loginLimiter.blockedFor(key, hub.now());
  if (blocked) throw loginThrottled(blocked);
  const row = await hub.db.get<{ id: string; password_hash: string }>('SELECT id, password_hash FROM users WHERE username = $1 AND disabled = 0', [username]);
  const ok = await verifyPassword(login.password, row?.password_hash ?? DUMMY_HASH);
  if (!row || !ok) {
    hub.loginLimiter.fail(key, hub.now());
    // One audit line when a name locks, not one per guess (an unauthenticated caller must not fill the log).
    if (hub.loginLimiter.blockedFor(key, hub.now())) await audit(hub, username, 'login-locked', `${hub.loginLimiter.max} failed sign-ins from ${ip}; locked for ${hub.loginLimiter.windowMs / 60_000} minutes`);
    throw new HttpError(401, 'LOGIN_FAILED', 'wrong username or password');
  }
  hub.loginLimiter.succeed(key);
  await hub.db.run('UPDATE users SET last_login_at = $1 WHERE id = $2', [hub.now(), row.id]);
  return { id: row.id };
}

/** Refuses a change that would leave the hub without an enabled admin. */
async function keepAnAdmin(hub: HubContext, id: string): Promise<void> {
  const others = await hub.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id <> $1", [id]);
  if (Number(others?.n ?? 0) === 0) throw conflict('LAST_ADMIN', 'this would leave no enabled admin', {});
}

/**
 * Role changes take effect on the user's next request (the role is read on
 * every request); disabling ends their sessions and API tokens at once.
 */
export async function updateUser(hub: HubContext, id: string, patch: z.output<typeof UserPatch>, by: string): Promise<User> {
  const before = await getUser(hub, id);
  const demoted = patch.role !== undefined && patch.role !== 'admin' && before.role === 'admin';
  if ((demoted || patch.disabled === true) && before.role === 'admin' && !before.disabled) await keepAnAdmin(hub, id);
  if (patch.role !== undefined && patch.role !== before.role) {
    await hub.db.run('UPDATE users SET role = $1 WHERE id = $2', [patch.role, id]);
    await audit(hub, by, 'user-role', `${before.username}: ${before.role} → ${patch.role}`);
  }
  if (patch.disabled !== undefined && patch.disabled !== before.disabled) {
    await hub.db.run('UPDATE users SET disabled = $1 WHERE id = $2', [patch.disabled ? 1 : 0, id]);
    if (patch.disabled) {
      await endSessionsOf(hub, id);
      await revokeTokensOf(hub, id);
    }
    await audit(hub, by, patch.disabled ? 'user-disable' : 'user-enable', before.username);
  }
  return getUser(hub, id);
}

/** A one-time password, answered once; the user's sessions end and they must choose their own at next sign-in. */
export async function resetPassword(hub: HubContext, id: string, by: string): Promise<string> {
  const user = await getUser(hub, id);
  const password = generatePassword();
  await hub.db.run('UPDATE users SET password_hash = $1, must_change_password = 1 WHERE id = $2', [await hashPassword(password), id]);
  await endSessionsOf(hub, id);
  await audit(hub, by, 'user-password-reset', user.username);
  return password;
}

/** Changing one's own password needs the current one; the user's other sessions end. */
export async function changePassword(hub: HubContext, userId: string, current: string, next: string, keep: Parameters<typeof endSessionsOf>[2]): Promise<void> {
  const row = await hub.db.get<{ username: string; password_hash: string }>('SELECT username, password_hash FROM users WHERE id = $1', [userId]);
  if (!row || !(await verifyPassword(current, row.password_hash))) throw new HttpError(403, 'PASSWORD_WRONG', 'the current password is not right');
  await hub.db.run('UPDATE users SET password_hash = $1, must_change_password = 0 WHERE id = $2', [await hashPassword(next), userId]);
  await endSessionsOf(hub, userId, keep);
  await audit(hub, row.username, 'password-change', row.username);
}

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { HubContext } from './context.ts';
import { generatePassword, hashPassword, verifyPassword } from './auth/passwords.ts';
import { Role } from './auth/roles.ts';
import { HttpError } from './http/errors.ts';
import { loginThrottled } from './auth/sessions.ts';

export const Username = z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'expected 2–32 of a–z 0–9 . _ -');
export const Password = z.string().min(10, 'at least 10 characters').max(200);
export const NewUser = z.strictObject({ username: Username, password: Password, role: Role });
export const Login = z.strictObject({ username: z.string().max(64), password: z.string().max(200) });

export async function createUser(hub: HubContext, user: z.infer<typeof NewUser>): Promise<string> {
  const id = randomUUID();
  const done = await hub.db.run(
    'INSERT INTO users (id, username, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING',
    [id, user.username, await hashPassword(user.password), user.role, hub.now()],
  );
  if (!done.changes) throw new HttpError(409, 'CONFLICT', `user ${user.username} already exists`);
  return id;
}

/** First start: an admin with a random password, printed once. */
export async function ensureAdmin(hub: HubContext): Promise<{ username: string; password: string } | undefined> {
  const any = await hub.db.get('SELECT id FROM users LIMIT 1');
  if (any) return undefined;
  const password = generatePassword();
  await createUser(hub, { username: 'admin', password, role: 'admin' });
  return { username: 'admin', password };
}

/** Checks a password with rate limiting per (client address, username); same error for unknown user and bad password. */
export async function checkLogin(hub: HubContext, ip: string, login: z.infer<typeof Login>): Promise<{ id: string; username: string; role: string }> {
  const key = `${ip}|${login.username.toLowerCase()}`;
  const blocked = hub.loginLimiter.blockedFor(key, hub.now());
  if (blocked) throw loginThrottled(blocked);
  const row = await hub.db.get<{ id: string; username: string; role: string; password_hash: string }>(
    'SELECT id, username, role, password_hash FROM users WHERE username = $1 AND disabled = 0',
    [login.username.trim().toLowerCase()],
  );
  // Hash even for unknown users, so timing does not reveal which names exist.
  const ok = await verifyPassword(login.password, row?.password_hash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  if (!row || !ok) {
    hub.loginLimiter.fail(key, hub.now());
    throw new HttpError(401, 'UNAUTHORIZED', 'wrong username or password');
  }
  hub.loginLimiter.succeed(key);
  return { id: row.id, username: row.username, role: row.role };
}

import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { atLeast, type Language, type Role } from '../../playlists/schemas/operator-api.ts';
import type { HubContext } from '../context.ts';
import { forbidden, HttpError, unauthorized } from '../http/errors.ts';
import type { Ctx } from '../http/router.ts';
import { bearer, newSecret, OPERATOR_TOKEN_PREFIX, sha256Hex } from './tokens.ts';

export const SESSION_COOKIE = 'pano_session';
const SESSION_MS = 12 * 3600_000;
/** A token's last use is written at most this often (a script may call many times a second). */
const TOKEN_USE_RESOLUTION_MS = 60_000;

export interface Operator {
  userId: string;
  username: string;
  role: Role;
  language: Language;
  mustChangePassword: boolean;
  via: 'session' | 'token';
  /** For sessions: the token every unsafe request must echo. */
  csrf?: string;
}

export async function createSession(hub: HubContext, userId: string): Promise<{ cookie: string; csrf: string }> {
  const secret = newSecret('');
  const csrf = randomBytes(24).toString('base64url');
  const now = hub.now();
  await hub.db.run('INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [sha256Hex(secret), userId, csrf, now, now + SESSION_MS]);
  return { cookie: secret, csrf };
}

export function sessionCookie(hub: HubContext, req: IncomingMessage, value: string, maxAgeSec = SESSION_MS / 1000): string {
  const secure = hub.secureCookies === 'auto' ? isHttps(req) : hub.secureCookies;
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSec}${secure ? '; Secure' : ''}`;
}

const isHttps = (req: IncomingMessage) => (req.socket as { encrypted?: boolean }).encrypted === true || req.headers['x-forwarded-proto'] === 'https';

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

const sessionHash = (req: IncomingMessage): string | undefined => {
  const cookie = readCookie(req, SESSION_COOKIE);
  return cookie && /^[A-Za-z0-9_-]{20,100}$/.test(cookie) ? sha256Hex(cookie) : undefined;
};

export async function endSession(hub: HubContext, req: IncomingMessage): Promise<void> {
  const hash = sessionHash(req);
  if (hash) await hub.db.run('DELETE FROM sessions WHERE id_hash = $1', [hash]);
}

/** Every session of a user ends (disabled, password reset), or every one but the current (own password change). */
export async function endSessionsOf(hub: HubContext, userId: string, keep?: IncomingMessage): Promise<void> {
  await hub.db.run('DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2', [userId, (keep && sessionHash(keep)) ?? '']);
}

interface UserRow {
  id: string;
  username: string;
  role: Role;
  language: Language;
  must_change_password: number;
  csrf?: string;
  token_id?: string;
  last_used_at?: number | null;
}

const USER_COLUMNS = 'u.id, u.username, u.role, u.language, u.must_change_password';
const toOperator = (row: UserRow, via: Operator['via']): Operator => ({
  userId: row.id,
  username: row.username,
  role: row.role,
  language: row.language,
  mustChangePassword: row.must_change_password === 1,
  via,
  ...(row.csrf ? { csrf: row.csrf } : {}),
});

/**
 * The operator behind a request: an API token (Bearer pano_op_…, not revoked,
 * not expired) or a session cookie (not expired); never for a disabled user.
 */
export async function findOperator(hub: HubContext, req: IncomingMessage): Promise<Operator | undefined> {
  const now = hub.now();
  const token = bearer(req.headers.authorization);
  if (token?.startsWith(OPERATOR_TOKEN_PREFIX)) {
    const row = await hub.db.get<UserRow>(
      `SELECT ${USER_COLUMNS}, t.id AS token_id, t.last_used_at FROM api_tokens t JOIN users u ON u.id = t.user_id
       WHERE t.token_hash = $1 AND u.disabled = 0 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)`,
      [sha256Hex(token), now],
    );
    if (!row) return undefined;
    if ((row.last_used_at ?? 0) < now - TOKEN_USE_RESOLUTION_MS) await hub.db.run('UPDATE api_tokens SET last_used_at = $1 WHERE id = $2', [now, row.token_id!]);
    return toOperator(row, 'token');
  }
  const hash = sessionHash(req);
  if (!hash) return undefined;
  const row = await hub.db.get<UserRow>(
    `SELECT ${USER_COLUMNS}, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled = 0`,
    [hash, now],
  );
  return row && toOperator(row, 'session');
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** No Origin (non-browser clients) or one whose host is ours; a malformed one is foreign. */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * 401 without credentials; 403 when the role is too low, when a one-time
 * password has not been changed yet (unless `passwordChange` allows this
 * route), or, for a cookie session, when an unsafe request lacks the CSRF
 * token or comes from another origin.
 */
export async function requireOperator(hub: HubContext, ctx: Ctx, needs: Role, options: { passwordChange?: boolean; what?: string } = {}): Promise<Operator> {
  const op = await findOperator(hub, ctx.req);
  if (!op) throw unauthorized('operator session or API token');
  if (op.via === 'session' && !SAFE.has(ctx.req.method ?? 'GET')) {
    if (!sameOrigin(ctx.req)) throw new HttpError(403, 'CROSS_ORIGIN', 'cross-origin request refused');
    if (ctx.req.headers['x-csrf-token'] !== op.csrf) throw new HttpError(403, 'CSRF_FAILED', 'missing or wrong CSRF token');
  }
  if (op.mustChangePassword && !options.passwordChange) {
    throw new HttpError(403, 'PASSWORD_CHANGE_REQUIRED', `${op.username} signed in with a one-time password: change it first (PUT /api/me/password)`);
  }
  if (!atLeast(op.role, needs)) throw forbidden(`${options.what ?? 'this'} needs the ${needs} role; ${op.username} is ${op.role}`, { needs, role: op.role });
  return op;
}

export const loginThrottled = (retryMs: number) =>
  new HttpError(429, 'RATE_LIMITED', `too many failed logins; try again in ${Math.ceil(retryMs / 60_000)} minute(s)`, [], { retryAfterSec: Math.ceil(retryMs / 1000) });

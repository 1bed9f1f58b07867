import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { HubContext } from '../context.ts';
import { readForm } from '../http/body.ts';
import { forbidden, HttpError, unauthorized } from '../http/errors.ts';
import type { Ctx } from '../http/router.ts';
import { atLeast, NEEDS, type Action, type Role } from './roles.ts';
import { bearer, newSecret, OPERATOR_TOKEN_PREFIX, sha256Hex } from './tokens.ts';

export const SESSION_COOKIE = 'pano_session';
const SESSION_MS = 12 * 3600_000;

export interface Operator {
  userId: string;
  username: string;
  role: Role;
  via: 'session' | 'token';
  /** For sessions: the token every unsafe request must echo. */
  csrf?: string;
}

export async function createSession(hub: HubContext, userId: string): Promise<{ cookie: string; csrf: string }> {
  const secret = newSecret('');
  const csrf = randomBytes(24).toString('base64url');
  const now = hub.now();
  await hub.db.run('INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    sha256Hex(secret),
    userId,
    csrf,
    now,
    now + SESSION_MS,
  ]);
  return { cookie: secret, csrf };
}

export function sessionCookie(hub: HubContext, req: IncomingMessage, value: string, maxAgeSec = SESSION_MS / 1000): string {
  const secure = hub.secureCookies === 'auto' ? isHttps(req) : hub.secureCookies;
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSec}${secure ? '; Secure' : ''}`;
}

const isHttps = (req: IncomingMessage) =>
  (req.socket as { encrypted?: boolean }).encrypted === true || req.headers['x-forwarded-proto'] === 'https';

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export async function endSession(hub: HubContext, req: IncomingMessage): Promise<void> {
  const cookie = readCookie(req, SESSION_COOKIE);
  if (cookie) await hub.db.run('DELETE FROM sessions WHERE id_hash = $1', [sha256Hex(cookie)]);
}

interface UserRow {
  id: string;
  username: string;
  role: Role;
  csrf?: string;
}

/** The operator behind a request: an API token (Bearer pano_op_…) or a session cookie. */
export async function findOperator(hub: HubContext, req: IncomingMessage): Promise<Operator | undefined> {
  const token = bearer(req.headers.authorization);
  if (token?.startsWith(OPERATOR_TOKEN_PREFIX)) {
    const row = await hub.db.get<UserRow>(
      'SELECT u.id, u.username, u.role FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND u.disabled = 0',
      [sha256Hex(token)],
    );
    return row && { userId: row.id, username: row.username, role: row.role, via: 'token' };
  }
  const cookie = readCookie(req, SESSION_COOKIE);
  if (!cookie || !/^[A-Za-z0-9_-]{20,100}$/.test(cookie)) return undefined;
  const row = await hub.db.get<UserRow>(
    'SELECT u.id, u.username, u.role, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled = 0',
    [sha256Hex(cookie), hub.now()],
  );
  return row && { userId: row.id, username: row.username, role: row.role, via: 'session', csrf: row.csrf! };
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
 * 401 without credentials, 403 when the role is too low or, for a cookie
 * session, when an unsafe request lacks the CSRF token or comes from another origin.
 */
export async function requireOperator(hub: HubContext, ctx: Ctx, action: Action, form?: URLSearchParams): Promise<Operator> {
  const op = await findOperator(hub, ctx.req);
  if (!op) throw unauthorized('operator session or API token');
  if (op.via === 'session' && !SAFE.has(ctx.req.method ?? 'GET')) {
    if (!sameOrigin(ctx.req)) throw forbidden('cross-origin request refused');
    const sent = ctx.req.headers['x-csrf-token'] ?? form?.get('_csrf');
    if (sent !== op.csrf) throw forbidden('missing or wrong CSRF token');
  }
  if (!atLeast(op.role, NEEDS[action])) throw forbidden(`${action} needs the ${NEEDS[action]} role; ${op.username} is ${op.role}`);
  return op;
}

/** For dashboard forms: who it is (401 before reading anything), then the form, then role and CSRF. */
export async function operatorForm(hub: HubContext, ctx: Ctx, action: Action, maxBytes?: number): Promise<{ op: Operator; form: URLSearchParams }> {
  if (!(await findOperator(hub, ctx.req))) throw unauthorized('operator session');
  const form = await readForm(ctx.req, maxBytes);
  return { op: await requireOperator(hub, ctx, action, form), form };
}

export async function createApiToken(hub: HubContext, userId: string, name: string): Promise<string> {
  const token = newSecret(OPERATOR_TOKEN_PREFIX);
  await hub.db.run('INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES ($1, $2, $3, $4)', [sha256Hex(token), userId, name, hub.now()]);
  return token;
}

export async function audit(hub: HubContext, username: string, action: string, detail: string): Promise<void> {
  await hub.db.run('INSERT INTO audit (id, at, username, action, detail) VALUES ($1, $2, $3, $4, $5)', [randomUUID(), hub.now(), username, action, detail]);
}

export const loginThrottled = (retryMs: number) =>
  new HttpError(429, 'RATE_LIMITED', `too many failed logins; try again in ${Math.ceil(retryMs / 60_000)} minute(s)`);

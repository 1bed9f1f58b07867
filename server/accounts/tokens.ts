import { randomBytes } from 'node:crypto';
import type { ApiToken } from '../../playlists/schemas/operator-api.ts';
import { audit } from '../audit.ts';
import type { Operator } from '../auth/sessions.ts';
import { newSecret, OPERATOR_TOKEN_PREFIX, sha256Hex } from '../auth/tokens.ts';
import type { HubContext } from '../context.ts';
import { notFound } from '../http/errors.ts';

interface TokenRow {
  id: string;
  name: string;
  user_id: string;
  username: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const toToken = (r: TokenRow, now: number): ApiToken => ({
  id: r.id,
  name: r.name,
  userId: r.user_id,
  username: r.username,
  createdAt: new Date(r.created_at).toISOString(),
  expiresAt: iso(r.expires_at),
  lastUsedAt: iso(r.last_used_at),
  revokedAt: iso(r.revoked_at),
  state: r.revoked_at !== null ? 'revoked' : r.expires_at !== null && r.expires_at <= now ? 'expired' : 'active',
});

const SELECT = 'SELECT t.id, t.name, t.user_id, u.username, t.created_at, t.expires_at, t.last_used_at, t.revoked_at FROM api_tokens t JOIN users u ON u.id = t.user_id';

/** One's own tokens; an admin sees everyone's. */
export async function listTokens(hub: HubContext, op: Operator): Promise<ApiToken[]> {
  const rows = op.role === 'admin'
    ? await hub.db.all<TokenRow>(`${SELECT} ORDER BY t.created_at DESC`)
    : await hub.db.all<TokenRow>(`${SELECT} WHERE t.user_id = $1 ORDER BY t.created_at DESC`, [op.userId]);
  return rows.map((r) => toToken(r, hub.now()));
}

/** A token for scripts and `pano publish`, expiring after `days`; the secret is answered once and stored only as its hash. */
export async function createToken(hub: HubContext, op: Operator, name: string, days: number): Promise<ApiToken & { token: string }> {
  const token = newSecret(OPERATOR_TOKEN_PREFIX);
  const id = randomBytes(12).toString('base64url');
  const now = hub.now();
  await hub.db.run('INSERT INTO api_tokens (token_hash, id, user_id, name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)', [sha256Hex(token), id, op.userId, name, now, now + days * 86_400_000]);
  await audit(hub, op.username, 'token-create', `${name} (${days} days)`);
  const row = await hub.db.get<TokenRow>(`${SELECT} WHERE t.id = $1`, [id]);
  return { ...toToken(row!, now), token };
}

/** Revoking works at once (every request looks the token up). Someone else's token is "not found" to a non-admin. */
export async function revokeToken(hub: HubContext, op: Operator, id: string): Promise<void> {
  const row = await hub.db.get<TokenRow>(`${SELECT} WHERE t.id = $1`, [id]);
  if (!row || (row.user_id !== op.userId && op.role !== 'admin')) throw notFound('token');
  await hub.db.run('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [hub.now(), id]);
  await audit(hub, op.username, 'token-revoke', `${row.name} of ${row.username}`);
}

export async function revokeTokensOf(hub: HubContext, userId: string): Promise<void> {
  await hub.db.run('UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL', [hub.now(), userId]);
}

import { expect, test } from '@playwright/test';
import { login, op, opJson, simpleDraft, startTestHub, type Backend, type Session, type TestHub } from './helpers.ts';

interface UserAnswer {
  user: { id: string; username: string; role: string; disabled: boolean; mustChangePassword: boolean; sessions: number };
  password?: string;
}

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; params?: Record<string, unknown> } }).error;

/** Users, sessions, one-time passwords and API tokens, over HTTP against the real hub. */
export function defineAccountTests(backend: Backend, hub: () => TestHub): void {
  test(`${backend}: a user created without a password gets a one-time one, must change it, and then works`, async () => {
    const t = hub();
    const made = await opJson<UserAnswer>(t.url, t.admin, 'POST', '/api/users', { username: 'hoa.tran', role: 'editor' });
    expect(made.user).toMatchObject({ username: 'hoa.tran', role: 'editor', disabled: false, mustChangePassword: true });
    expect(made.password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    const once = await login(t.url, 'hoa.tran', made.password!);
    expect(await opJson(t.url, once, 'GET', '/api/me')).toMatchObject({ username: 'hoa.tran', mustChangePassword: true, language: 'vi', timeZone: 'Asia/Ho_Chi_Minh' });
    const blocked = await op(t.url, once, 'GET', '/api/channels');
    expect(blocked.status).toBe(403);
    expect((await errorOf(blocked)).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const wrong = await op(t.url, once, 'PUT', '/api/me/password', { current: 'not it at all', next: 'hoa chọn mật khẩu' });
    expect(wrong.status).toBe(403);
    expect((await errorOf(wrong)).code).toBe('PASSWORD_WRONG');
    const short = await op(t.url, once, 'PUT', '/api/me/password', { current: made.password, next: 'short' });
    expect(short.status).toBe(422);
    expect(((await short.json()) as { error: { issues: unknown[] } }).error.issues).toEqual([expect.objectContaining({ path: 'next', code: 'too_small', params: expect.objectContaining({ minimum: 10 }) })]);
    expect((await op(t.url, once, 'PUT', '/api/me/password', { current: made.password, next: 'hoa chọn mật khẩu' })).status).toBe(200);
    expect((await op(t.url, once, 'GET', '/api/channels')).status).toBe(200);
    await expect(login(t.url, 'hoa.tran', made.password!)).rejects.toThrow('HTTP 401');
    await login(t.url, 'hoa.tran', 'hoa chọn mật khẩu');
    // The language is remembered per user.
    expect(await opJson(t.url, once, 'PUT', '/api/me/language', { language: 'en' })).toMatchObject({ language: 'en' });
    expect(await opJson(t.url, await login(t.url, 'hoa.tran', 'hoa chọn mật khẩu'), 'GET', '/api/me')).toMatchObject({ language: 'en' });
  });

  test(`${backend}: disabling a user ends their open session and their API tokens at once; a role change takes effect on the next request`, async () => {
    const t = hub();
    const { user } = await opJson<UserAnswer>(t.url, t.admin, 'POST', '/api/users', { username: 'minh', role: 'viewer', password: 'correct horse battery' });
    const session = await login(t.url, 'minh', 'correct horse battery');
    const { token } = await opJson<{ token: string }>(t.url, session, 'POST', '/api/tokens', { name: 'script', expiresInDays: 30 });
    expect((await op(t.url, session, 'PUT', '/api/channels/minh/draft', { draft: simpleDraft('Minh') })).status).toBe(403);
    expect((await opJson<UserAnswer>(t.url, t.admin, 'PATCH', `/api/users/${user.id}`, { role: 'editor' })).user.role).toBe('editor');
    expect((await op(t.url, session, 'PUT', '/api/channels/minh/draft', { draft: simpleDraft('Minh') })).status).toBe(200);
    expect((await op(t.url, token, 'GET', '/api/me')).status).toBe(200);

    const disabled = await opJson<UserAnswer>(t.url, t.admin, 'PATCH', `/api/users/${user.id}`, { disabled: true });
    expect(disabled.user).toMatchObject({ disabled: true, sessions: 0 });
    const refused = await op(t.url, session, 'GET', '/api/me');
    expect(refused.status).toBe(401);
    expect((await errorOf(refused)).code).toBe('UNAUTHORIZED');
    expect((await op(t.url, token, 'GET', '/api/me')).status).toBe(401);
    await expect(login(t.url, 'minh', 'correct horse battery')).rejects.toThrow('HTTP 401');
    // Enabled again: a new sign-in works, but the old session and token stay dead.
    await opJson(t.url, t.admin, 'PATCH', `/api/users/${user.id}`, { disabled: false });
    expect((await op(t.url, session, 'GET', '/api/me')).status).toBe(401);
    expect((await op(t.url, token, 'GET', '/api/me')).status).toBe(401);
    await login(t.url, 'minh', 'correct horse battery');
    const tokens = await opJson<{ tokens: { name: string; username: string; state: string }[] }>(t.url, t.admin, 'GET', '/api/tokens');
    expect(tokens.tokens.find((x) => x.username === 'minh')).toMatchObject({ name: 'script', state: 'revoked' });
    const audit = await opJson<{ entries: { action: string; detail: string }[] }>(t.url, t.admin, 'GET', '/api/audit?limit=20');
    expect(audit.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['user-disable', 'user-enable', 'user-role']));
  });

  test(`${backend}: a password reset gives a one-time password, ends the user's sessions, and the old password stops working`, async () => {
    const t = hub();
    const { user } = await opJson<UserAnswer>(t.url, t.admin, 'POST', '/api/users', { username: 'lan', role: 'approver', password: 'correct horse battery' });
    const session = await login(t.url, 'lan', 'correct horse battery');
    const { password } = await opJson<{ password: string }>(t.url, t.admin, 'POST', `/api/users/${user.id}/password`);
    expect((await op(t.url, session, 'GET', '/api/me')).status).toBe(401);
    await expect(login(t.url, 'lan', 'correct horse battery')).rejects.toThrow('HTTP 401');
    expect(await opJson(t.url, await login(t.url, 'lan', password), 'GET', '/api/me')).toMatchObject({ mustChangePassword: true });
  });

  test(`${backend}: user names are normalised once (trim, NFC, lower case) for creation, sign-in and the login limiter`, async () => {
    const t = hub();
    // "Nguyễn" typed on a Mac arrives decomposed (NFD).
    const made = await opJson<UserAnswer>(t.url, t.admin, 'POST', '/api/users', { username: ' Nguye\u0302\u0303n.Van ', role: 'viewer', password: 'correct horse battery' });
    expect(made.user.username).toBe('nguyễn.van');
    const taken = await op(t.url, t.admin, 'POST', '/api/users', { username: 'NGUYỄN.VAN', role: 'viewer' });
    expect(taken.status).toBe(409);
    expect(await errorOf(taken)).toMatchObject({ code: 'USERNAME_TAKEN', params: { username: 'nguyễn.van' } });
    await login(t.url, '  NGUYỄN.van ', 'correct horse battery');
    for (let i = 0; i < 5; i++) await expect(login(t.url, 'nguyễn.van', 'wrong password!')).rejects.toThrow('HTTP 401');
    // Another spelling of the same name earns no more guesses, not even with the right password.
    const res = await fetch(`${t.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: ' Nguye\u0302\u0303N.VAN', password: 'correct horse battery' }) });
    expect(res.status).toBe(429);
    expect(await errorOf(res)).toMatchObject({ code: 'RATE_LIMITED', params: { retryAfterSec: expect.any(Number) } });
  });

  test(`${backend}: the last enabled admin cannot be disabled or demoted; tokens are one's own unless admin`, async () => {
    const t = hub();
    const me = await opJson<{ id: string }>(t.url, t.admin, 'GET', '/api/me');
    const last = await op(t.url, t.admin, 'PATCH', `/api/users/${me.id}`, { disabled: true });
    expect(last.status).toBe(409);
    expect((await errorOf(last)).code).toBe('LAST_ADMIN');
    expect((await op(t.url, t.admin, 'PATCH', `/api/users/${me.id}`, { role: 'viewer' })).status).toBe(409);
    await opJson(t.url, t.admin, 'POST', '/api/users', { username: 'an.viewer', role: 'viewer', password: 'correct horse battery' });
    const viewer: Session = await login(t.url, 'an.viewer', 'correct horse battery');
    const adminToken = await opJson<{ id: string }>(t.url, t.admin, 'POST', '/api/tokens', { name: 'ci' });
    expect((await opJson<{ tokens: unknown[] }>(t.url, viewer, 'GET', '/api/tokens')).tokens).toEqual([]);
    expect((await op(t.url, viewer, 'DELETE', `/api/tokens/${adminToken.id}`)).status).toBe(404);
    expect((await op(t.url, viewer, 'GET', '/api/users')).status).toBe(403);
  });

  test(`${backend}: a revoked API token is refused at once`, async () => {
    const t = hub();
    const made = await opJson<{ id: string; token: string; state: string; expiresAt: string }>(t.url, t.admin, 'POST', '/api/tokens', { name: 'deploy', expiresInDays: 7 });
    expect(made.state).toBe('active');
    expect(Date.parse(made.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect((await op(t.url, made.token, 'GET', '/api/devices')).status).toBe(200);
    await opJson(t.url, t.admin, 'DELETE', `/api/tokens/${made.id}`);
    expect((await op(t.url, made.token, 'GET', '/api/devices')).status).toBe(401);
    const listed = await opJson<{ tokens: { id: string; state: string; lastUsedAt: string | null }[] }>(t.url, t.admin, 'GET', '/api/tokens');
    expect(listed.tokens.find((x) => x.id === made.id)).toMatchObject({ state: 'revoked', lastUsedAt: expect.any(String) });
  });
}

/** Token expiry, on a hub whose clock the test holds (HubOptions.now), so "30 days later" is a number, not a wait. */
export function defineTokenExpiryTests(backend: Backend): void {
  test.describe('token expiry', () => {
    let clock = Date.now();
    let t: TestHub;
    test.beforeAll(async () => {
      t = await startTestHub(backend, { now: () => clock });
    });
    test.afterAll(async () => t?.close());

    test(`${backend}: an API token works until its expiry and is refused after it`, async () => {
      const { id, token } = await opJson<{ id: string; token: string }>(t.url, t.admin, 'POST', '/api/tokens', { name: 'month', expiresInDays: 30 });
      clock += 30 * 86_400_000 - 1_000;
      expect((await op(t.url, token, 'GET', '/api/me')).status).toBe(200);
      clock += 2_000;
      const res = await op(t.url, token, 'GET', '/api/me');
      expect(res.status).toBe(401);
      expect((await errorOf(res)).code).toBe('UNAUTHORIZED');
      // The session it was made with has expired too (12 h): sign in again to see the list.
      const admin = await login(t.url, 'admin', t.adminPassword);
      expect((await opJson<{ tokens: { id: string; state: string }[] }>(t.url, admin, 'GET', '/api/tokens')).tokens.find((x) => x.id === id)?.state).toBe('expired');
    });
  });
}

import { expect, test } from '@playwright/test';
import { addUser, FakeDevice, op, opJson, startTestHub, type Backend, type TestHub } from './helpers.ts';

interface Alerts { open: { deviceId: string; rule: string; params: Record<string, unknown> }[]; past: { deviceId: string; rule: string; closedAt: string | null }[] }

/** Alert settings (admin only, secrets write-only) and alerts opening and closing from heartbeats; on SQLite and PostgreSQL. */
export function defineAlertApiTests(backend: Backend): void {
  test.describe(`alerts API (${backend})`, () => {
    let t: TestHub;
    test.beforeAll(async () => {
      t = await startTestHub(backend);
    });
    test.afterAll(async () => t?.close());

    test('settings: admin only, parsed, secrets never answered and kept when left empty', async () => {
      const editor = await addUser(t, 'editor-alerts', 'editor');
      expect((await op(t.url, editor, 'GET', '/api/alerts/settings')).status).toBe(403);
      expect((await op(t.url, editor, 'PUT', '/api/alerts/settings', {})).status).toBe(403);
      expect((await op(t.url, editor, 'GET', '/api/alerts')).status).toBe(200);
      const bad = await op(t.url, t.admin, 'PUT', '/api/alerts/settings', { quietHours: { from: '25:00', to: '06:00' }, recipients: [{ emails: ['not-an-address'] }] });
      expect(bad.status).toBe(422);
      const issues = ((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
      expect(issues).toEqual(expect.arrayContaining(['quietHours.from', 'recipients.0.emails.0']));
      const smtp = { host: 'mail.example.org', port: 587, user: 'hub', password: 'p4ss', from: 'pano@example.org' };
      await opJson(t.url, t.admin, 'PUT', '/api/alerts/settings', { smtp, webhook: { url: 'https://hooks.example.org/pano', secret: 's3cret' } });
      const kept = await opJson<{ smtp: { password: string; starttls: boolean }; webhook: { secret: string }; smtpPasswordSet: boolean }>(t.url, t.admin, 'PUT', '/api/alerts/settings', {
        smtp: { ...smtp, password: '' },
        webhook: { url: 'https://hooks.example.org/pano', secret: '' },
      });
      expect(kept).toMatchObject({ smtp: { password: '', starttls: true }, webhook: { secret: '' }, smtpPasswordSet: true, webhookSecretSet: true });
      const stored = await t.hub.context.db.get<{ value: string }>("SELECT value FROM settings WHERE key = 'alerts'");
      expect(JSON.parse(stored!.value)).toMatchObject({ smtp: { password: 'p4ss' }, webhook: { secret: 's3cret' } });
      await opJson(t.url, t.admin, 'PUT', '/api/alerts/settings', {}); // back to the defaults, no delivery
    });

    test('a skewed clock and a nearly full disk open alerts; a healthy heartbeat closes them', async () => {
      await opJson(t.url, t.admin, 'PUT', '/api/alerts/settings', { checkSeconds: 0.2, thresholds: { clockSkewSeconds: 60, freeDiskMb: 500 } });
      const d = await FakeDevice.pair(t, { tags: ['lobby'] });
      const cache = { ready: true, assetsReady: 1, assetsTotal: 1, bytesUsed: 10, bytesQuota: 100, freeDiskBytes: 100 * 1024 * 1024 };
      expect((await d.post(`/api/devices/${d.id}/heartbeat`, d.heartbeat({ clock: { skewMs: -600_000, corrected: false }, cache }))).status).toBe(200);
      const mine = async () => (await opJson<Alerts>(t.url, t.admin, 'GET', '/api/alerts'));
      await expect.poll(async () => (await mine()).open.filter((a) => a.deviceId === d.id).map((a) => a.rule).sort(), { timeout: 10_000 }).toEqual(['clockSkew', 'diskFull']);
      expect((await mine()).open.find((a) => a.rule === 'clockSkew')!.params).toEqual({ seconds: -600 });
      // Still true on the next pass: still one alert each (one open alert per screen and rule).
      expect((await d.post(`/api/devices/${d.id}/heartbeat`, d.heartbeat({ clock: { skewMs: -600_000, corrected: false }, cache }))).status).toBe(200);
      expect((await mine()).open.filter((a) => a.deviceId === d.id)).toHaveLength(2);
      expect((await d.post(`/api/devices/${d.id}/heartbeat`, d.heartbeat({ cache: { ...cache, freeDiskBytes: 10 * 1024 ** 3 } }))).status).toBe(200);
      await expect.poll(async () => (await mine()).open.filter((a) => a.deviceId === d.id), { timeout: 10_000 }).toEqual([]);
      expect((await mine()).past.filter((a) => a.deviceId === d.id).map((a) => a.rule).sort()).toEqual(['clockSkew', 'diskFull']);
      await opJson(t.url, t.admin, 'PUT', '/api/alerts/settings', {});
    });
  });
}

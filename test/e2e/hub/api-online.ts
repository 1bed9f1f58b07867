import { expect, test } from '@playwright/test';
import { FakeDevice, opJson, startTestHub, type Backend, type TestHub } from './helpers.ts';

/**
 * The online rule (a heartbeat within 2.5 of the screen's own learnt interval),
 * on a hub whose clock the test holds (HubOptions.now), so "later" is a number,
 * not a wait.
 */
export function defineOnlineTests(backend: Backend): void {
  test.describe('online rule', () => {
    let clock = Date.now();
    let t: TestHub;
    test.beforeAll(async () => {
      t = await startTestHub(backend, { now: () => clock });
    });
    test.afterAll(async () => t?.close());

    const status = async (id: string) => {
      const { devices } = await opJson<{ devices: { id: string; online: boolean }[] }>(t.url, t.admin, 'GET', '/api/devices');
      const api = devices.find((d) => d.id === id)!.online;
      const detail = (await opJson<{ device: { online: boolean } }>(t.url, t.admin, 'GET', `/api/devices/${id}`)).device.online;
      return { list: api ? 'online' : 'offline', detail: detail ? 'online' : 'offline' };
    };
    const online = { list: 'online', detail: 'online' };
    const offline = { list: 'offline', detail: 'offline' };

    test(`${backend}: a screen is online until 2.5 of its learnt heartbeat intervals pass without one, then offline`, async () => {
      const d = await FakeDevice.pair(t);
      expect(await status(d.id)).toEqual(offline); // paired, never heard from
      const beat = async () => expect((await d.post(`/api/devices/${d.id}/heartbeat`, d.heartbeat())).status).toBe(200);
      // Heartbeats every 30 s: the hub learns an interval below its 60 s default.
      await beat();
      clock += 30_000;
      await beat();
      clock += 30_000;
      await beat();
      const row = await t.hub.context.db.get<{ hb_interval_ms: number; last_seen: number }>('SELECT hb_interval_ms, last_seen FROM devices WHERE id = $1', [d.id]);
      const interval = Number(row!.hb_interval_ms);
      expect(interval).toBeGreaterThan(30_000);
      expect(interval).toBeLessThan(60_000);
      expect(Number(row!.last_seen)).toBe(clock);
      const deadline = clock + 2.5 * interval;
      expect(await status(d.id)).toEqual(online);
      clock = deadline - 1;
      expect(await status(d.id)).toEqual(online);
      clock = deadline + 1;
      expect(await status(d.id)).toEqual(offline);
      // The next heartbeat brings it back at once.
      await beat();
      expect(await status(d.id)).toEqual(online);
    });
  });
}

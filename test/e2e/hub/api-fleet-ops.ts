import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { addUser, FakeDevice, op, opJson, type Backend, type TestHub } from './helpers.ts';

type Shot = { display: string; url: string; takenAt: string };
type Detail = {
  device: { tags: string[]; timeZone: string; channel: string | null };
  commands: { id: string; name: string; status: string; ok: boolean | null; message: string | null; screenshotUrl: string | null; screenshots: Shot[] }[];
  log: { commandId: string; lines: number; bytes: number; text: string; downloadUrl: string } | null;
};
type Bulk = { results: { deviceId: string; ok: boolean; commandId: string | null; error: { code: string } | null }[] };

const png = (shade: number) => {
  const image = new PNG({ width: 4, height: 4 });
  image.data.fill(shade);
  return PNG.sync.write(image);
};

/** Per-display screenshots, log pulls and bulk actions through the hub's API (issue 17), on either database. */
export function defineFleetOpsTests(backend: Backend, hub: () => TestHub): void {
  test(`${backend}: fleet ops: a screenshot is stored per display with its time; a log pull is kept per screen and downloads`, async () => {
    const t = hub();
    const d = await FakeDevice.pair(t);
    const detail = () => opJson<Detail>(t.url, t.admin, 'GET', `/api/devices/${d.id}`);
    const { id } = await opJson<{ id: string }>(t.url, t.admin, 'POST', `/api/devices/${d.id}/command`, { name: 'screenshot' });
    const [main, lobby] = [png(10), png(200)];
    const at = (s: number) => `2026-12-04T08:00:0${s}.000Z`;
    expect((await d.post(`/api/devices/${d.id}/commands/${id}?display=main&takenAt=${at(1)}`, main, { 'content-type': 'image/png' })).status).toBe(200);
    // Until the result arrives the command stays unanswered (the screen may still be taking the next display).
    expect((await detail()).commands[0]!.status).not.toBe('done');
    expect((await d.post(`/api/devices/${d.id}/commands/${id}?display=lobby&takenAt=${at(2)}`, lobby, { 'content-type': 'image/png' })).status).toBe(200);
    expect((await d.post(`/api/devices/${d.id}/commands/${id}?display=..%2Fescape`, main, { 'content-type': 'image/png' })).status).toBe(400);
    expect((await d.post(`/api/devices/${d.id}/commands/${id}`, { ok: true, message: '2 of 2 displays' })).status).toBe(200);
    const done = (await detail()).commands[0]!;
    expect(done).toMatchObject({ id, status: 'done', ok: true, screenshotUrl: null });
    expect(done.screenshots.map((s) => [s.display, s.takenAt])).toEqual([
      ['main', at(1)],
      ['lobby', at(2)],
    ]);
    for (const [i, bytes] of [main, lobby].entries()) {
      const res = await op(t.url, t.admin, 'GET', done.screenshots[i]!.url);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    }

    // A log pull: its bounds ride with the command (heartbeat answer), the text is kept, the newest replaces the last.
    expect((await op(t.url, t.admin, 'GET', `/api/devices/${d.id}/log`)).status).toBe(404);
    const pull = await opJson<{ id: string }>(t.url, t.admin, 'POST', `/api/devices/${d.id}/command`, { name: 'log', log: { lines: 50 } });
    const ack = (await (await d.post(`/api/devices/${d.id}/heartbeat`, d.heartbeat())).json()) as { commands: { id: string; log?: unknown }[] };
    expect(ack.commands.find((c) => c.id === pull.id)).toMatchObject({ name: 'log', log: { lines: 50, maxBytes: 262_144 } });
    expect((await d.post(`/api/devices/${d.id}/commands/${id}`, 'not a log', { 'content-type': 'text/plain' })).status).toBe(400);
    const text = '2026-12-04T08:00:00.000Z phase preparing\n2026-12-04T08:00:01.000Z màn hình đã sẵn sàng\n';
    expect((await d.post(`/api/devices/${d.id}/commands/${pull.id}`, text, { 'content-type': 'text/plain; charset=utf-8' })).status).toBe(200);
    const got = await detail();
    expect(got.log).toMatchObject({ commandId: pull.id, lines: 2, bytes: Buffer.byteLength(text), text });
    expect(got.commands.find((c) => c.id === pull.id)).toMatchObject({ status: 'done', ok: true });
    const file = await op(t.url, t.admin, 'GET', got.log!.downloadUrl);
    expect(file.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="pano-${d.id}-\\d{8}-\\d{6}\\.log"$`));
    expect(await file.text()).toBe(text);
    const again = await opJson<{ id: string }>(t.url, t.admin, 'POST', `/api/devices/${d.id}/command`, { name: 'log' });
    expect((await d.post(`/api/devices/${d.id}/commands/${again.id}`, 'newer\n', { 'content-type': 'text/plain' })).status).toBe(200);
    expect((await detail()).log).toMatchObject({ commandId: again.id, lines: 1, text: 'newer\n' });
  });

  test(`${backend}: fleet ops: bulk command, channel and settings run per screen through the single-screen operations`, async () => {
    const t = hub();
    const a = await FakeDevice.pair(t, { tags: ['lobby', 'old'] });
    const b = await FakeDevice.pair(t, { tags: ['old'], timeZone: 'Asia/Bangkok' });
    const c = await FakeDevice.pair(t, { tags: ['keep'] });
    const ids = [a.id, b.id];

    const sent = await opJson<Bulk>(t.url, t.admin, 'POST', '/api/fleet/command', { deviceIds: [...ids, 'ghost'], name: 'reload' });
    expect(sent.results.map((r) => [r.deviceId, r.ok, r.error?.code ?? null])).toEqual([
      [a.id, true, null],
      [b.id, true, null],
      ['ghost', false, 'NOT_FOUND'],
    ]);
    for (const [i, d] of [a, b].entries()) {
      const ack = (await (await d.post(`/api/devices/${d.id}/heartbeat`, d.heartbeat())).json()) as { commands: { id: string; name: string }[] };
      expect(ack.commands).toEqual([expect.objectContaining({ id: sent.results[i]!.commandId, name: 'reload' })]);
    }
    const cAck = (await (await c.post(`/api/devices/${c.id}/heartbeat`, c.heartbeat())).json()) as { commands: unknown[] };
    expect(cAck.commands).toEqual([]);

    const settings = await opJson<Bulk>(t.url, t.admin, 'POST', '/api/fleet/settings', { deviceIds: ids, addTags: ['vip'], removeTags: ['old'], timeZone: 'Asia/Ho_Chi_Minh' });
    expect(settings.results.every((r) => r.ok)).toBe(true);
    const device = async (id: string) => (await opJson<Detail>(t.url, t.admin, 'GET', `/api/devices/${id}`)).device;
    expect(await device(a.id)).toMatchObject({ tags: ['lobby', 'vip'], timeZone: 'Asia/Ho_Chi_Minh' });
    expect(await device(b.id)).toMatchObject({ tags: ['vip'], timeZone: 'Asia/Ho_Chi_Minh' });
    expect(await device(c.id)).toMatchObject({ tags: ['keep'] });
    // The single-screen settings path is what ran: its audit entry, once per screen.
    const audit = await opJson<{ entries: { action: string; detail: string }[] }>(t.url, t.admin, 'GET', '/api/audit');
    for (const id of ids) expect(audit.entries.filter((e) => e.action === 'device-edit' && e.detail === `device ${id}`).length).toBeGreaterThan(0);

    const channel = await opJson<Bulk>(t.url, t.admin, 'POST', '/api/fleet/channel', { deviceIds: ids, channel: 'arrivals' });
    expect(channel.results.every((r) => r.ok)).toBe(true);
    expect((await device(b.id)).channel).toBe('arrivals');

    // Bad input is refused whole (422), nothing half-done; a viewer may not.
    expect((await op(t.url, t.admin, 'POST', '/api/fleet/settings', { deviceIds: ids })).status).toBe(422);
    expect((await op(t.url, t.admin, 'POST', '/api/fleet/command', { deviceIds: [], name: 'reload' })).status).toBe(422);
    const viewer = await addUser(t, `viewer-${backend}`, 'viewer');
    expect((await op(t.url, viewer, 'POST', '/api/fleet/command', { deviceIds: ids, name: 'reload' })).status).toBe(403);
  });
}

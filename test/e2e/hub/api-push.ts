import { expect, test } from '@playwright/test';
import { rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createHub } from '../../../server/hub.ts';
import { FakeDevice, login, opJson, openPush, publishChannel, startTestHub, type Backend, type TestHub } from './helpers.ts';

type Push = Awaited<ReturnType<typeof openPush>>;

/** The first two events a stream delivers (keep-alive comments aside), and how long they took. */
async function firstTwo(push: Push): Promise<{ events: { event: string; data: unknown }[]; ms: number }> {
  const started = Date.now();
  const events = [await push.next((e) => e.event !== 'comment'), await push.next((e) => e.event !== 'comment')];
  return { events, ms: Date.now() - started };
}

const status = async (t: TestHub, id: string) => (await t.hub.context.db.get<{ status: string }>('SELECT status FROM commands WHERE id = $1', [id]))!.status;

/**
 * A TCP relay to the hub whose cut() plays a connection that dies without the
 * hub seeing it (a NAT or Wi-Fi drop: no FIN reaches the hub): the screen's
 * side ends, the hub's side stays open and whatever the hub writes is lost.
 */
async function lossyRelay(target: string): Promise<{ url: string; cut(): void; close(): void }> {
  const pairs: { screen: Socket; hub: Socket }[] = [];
  const { hostname, port } = new URL(target);
  const server = createServer((screen) => {
    const hub = connect(Number(port), hostname);
    screen.pipe(hub);
    hub.pipe(screen);
    pairs.push({ screen, hub });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut() {
      for (const { screen, hub } of pairs) {
        screen.unpipe(hub);
        hub.unpipe(screen);
        hub.resume(); // read and drop: the hub's writes keep succeeding
        screen.destroy();
      }
    },
    close() {
      for (const { hub } of pairs) hub.destroy();
      server.close();
    },
  };
}

/** Push reconnects, seen from the hub: whatever ended a stream, the next one starts with the current state. */
export function definePushTests(backend: Backend, hub: () => TestHub): void {
  test(`${backend}: a reconnecting screen gets the current playlist and the commands it missed at once, on its new stream only`, async () => {
    const t = hub();
    const d = await FakeDevice.pair(t, { channel: 'rc' });
    await publishChannel(t, 'rc');
    const p1 = await openPush(d);
    expect((await p1.next((e) => e.event === 'playlist')).data).toEqual({ channel: 'rc', version: 1 });

    // A second stream (the screen's network changed and the hub never saw the first one die) replaces the first.
    const p2 = await openPush(d);
    await p1.closed;
    expect((await p2.next((e) => e.event === 'playlist')).data).toEqual({ channel: 'rc', version: 1 });

    // The screen goes away; what happens meanwhile waits for it.
    p2.close();
    await expect.poll(() => t.hub.context.push.connected(d.id)).toBe(false);
    expect(await publishChannel(t, 'rc')).toBe(2);
    const { id } = await opJson<{ id: string }>(t.url, t.admin, 'POST', `/api/devices/${d.id}/command`, { name: 'reload' });
    expect(await status(t, id)).toBe('queued');

    const p3 = await openPush(d);
    const { events, ms } = await firstTwo(p3);
    expect(events).toEqual([
      { event: 'playlist', data: { channel: 'rc', version: 2 } },
      { event: 'command', data: expect.objectContaining({ id, name: 'reload' }) },
    ]);
    // Sent on connect, not on the next keep-alive tick (1 s in tests) or publish.
    expect(ms).toBeLessThan(1_000);
    expect(await status(t, id)).toBe('sent');
    p3.close();
  });
  test(`${backend}: a command written to a stream that died unnoticed is offered again until the screen answers it`, async () => {
    const t = hub();
    const d = await FakeDevice.pair(t, { channel: 'lost' });
    await publishChannel(t, 'lost');
    const relay = await lossyRelay(t.url);
    try {
      const viaRelay = new FakeDevice(relay.url, d.id);
      viaRelay.token = d.token;
      viaRelay.urls = { ...d.urls, pushUrl: new URL(new URL(d.urls.pushUrl).pathname, relay.url).href };
      const p1 = await openPush(viaRelay);
      await p1.next((e) => e.event === 'playlist');
      relay.cut();
      await p1.closed;
      // The hub still holds the stream: the command goes into it, and is lost.
      expect(t.hub.context.push.connected(d.id)).toBe(true);
      const { id } = await opJson<{ id: string }>(t.url, t.admin, 'POST', `/api/devices/${d.id}/command`, { name: 'reload' });
      expect(await status(t, id)).toBe('sent');

      // The screen's next heartbeat, and the next one while it has not answered, carry it.
      const ack = async () => ((await (await d.post(`/api/devices/${d.id}/heartbeat`, d.heartbeat())).json()) as { commands: { id: string }[] }).commands;
      expect(await ack()).toEqual([expect.objectContaining({ id, name: 'reload' })]);
      expect(await ack()).toEqual([expect.objectContaining({ id, name: 'reload' })]);
      // So does the stream it opens again (which replaces the dead one).
      const p2 = await openPush(d);
      expect((await p2.next((e) => e.event === 'command')).data).toMatchObject({ id, name: 'reload' });
      p2.close();

      // The screen's answer ends it.
      expect((await d.post(`/api/devices/${d.id}/commands/${id}`, { ok: true })).status).toBe(200);
      expect(await status(t, id)).toBe('done');
      expect(await ack()).toEqual([]);
    } finally {
      relay.close();
    }
  });
}

/** Its own hub: the test stops it and starts another on the same data and database. */
export function defineRestartTests(backend: Backend): void {
  test.describe('hub restart', () => {
    let t: TestHub;
    let restarted: Awaited<ReturnType<typeof createHub>> | undefined;
    test.beforeAll(async () => {
      t = await startTestHub(backend);
    });
    test.afterAll(async () => {
      await restarted?.close();
      rmSync(t.dataDir, { recursive: true, force: true });
    });

    test(`${backend}: a hub restart ends the stream; the restarted hub's stream starts with the current state`, async () => {
      const d = await FakeDevice.pair(t, { channel: 'rs' });
      await publishChannel(t, 'rs');
      const p1 = await openPush(d);
      expect((await p1.next((e) => e.event === 'playlist')).data).toEqual({ channel: 'rs', version: 1 });
      await t.hub.close();
      await p1.closed; // ended by the hub, not by the screen

      restarted = await createHub({ dataDir: t.dataDir, databaseUrl: t.databaseUrl, port: 0, keepAliveMs: 1_000 });
      expect(restarted.firstAdmin).toBeUndefined(); // same database: no second admin
      const again: TestHub = { ...t, hub: restarted, url: restarted.url, admin: await login(restarted.url, 'admin', t.adminPassword) };
      expect(await publishChannel(again, 'rs')).toBe(2);
      const { id } = await opJson<{ id: string }>(again.url, again.admin, 'POST', `/api/devices/${d.id}/command`, { name: 'screenshot' });

      // The screen's token, stored by the first process, opens the second one's stream.
      const moved = new FakeDevice(restarted.url, d.id);
      moved.token = d.token;
      moved.urls = { ...d.urls, pushUrl: new URL(new URL(d.urls.pushUrl).pathname, restarted.url).href };
      const p2 = await openPush(moved);
      const { events } = await firstTwo(p2);
      expect(events).toEqual([
        { event: 'playlist', data: { channel: 'rs', version: 2 } },
        { event: 'command', data: expect.objectContaining({ id, name: 'screenshot' }) },
      ]);
      p2.close();
    });
  });
}

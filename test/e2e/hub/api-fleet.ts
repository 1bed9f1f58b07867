import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import { FakeDevice, op, opJson, publishChannel, simpleDraft, type Backend, type TestHub } from './helpers.ts';

interface Device {
  id: string;
  group: string | null;
  lastHeartbeatAt: string | null;
  playlist: { channel: string | null; version: number | null; title: string | null } | null;
  nowPlaying: { display: string; zone: string; itemId: string; title: unknown }[];
  lastError: { code: string; message: string; at: string } | null;
}

const deviceOf = async (t: TestHub, id: string) => (await opJson<{ device: Device }>(t.url, t.admin, 'GET', `/api/devices/${id}`)).device;

/** The fleet as the studio shows it, and the channel workflow (create, submit, publish, preview). */
export function defineFleetTests(backend: Backend, hub: () => TestHub): void {
  test(`${backend}: now playing is shown by title, per display in the screen's display order`, async () => {
    const t = hub();
    const d = await FakeDevice.pair(t, {
      channel: 'arrivals',
      group: 'Sân bay Cà Mau',
      displays: [
        { id: 'hall', orientation: 'landscape', touch: false },
        { id: 'kiosk', orientation: 'portrait', touch: true },
      ],
    });
    const draft = simpleDraft('Arrivals') as Record<string, any>;
    draft.items.hello.title = { vi: 'Lời chào', en: 'Greeting' };
    draft.items.honey = { kind: 'slide', template: 'headline', duration: 5, fields: { title: 'Mật ong U Minh' } };
    // Untitled items are named from what they hold: a ticker by its first message, a picture by its file.
    draft.items.plain = { kind: 'ticker', messages: [{ vi: 'Chào mừng', en: 'Welcome' }], duration: 5 };
    const png = new PNG({ width: 16, height: 16 });
    const uploaded = await fetch(`${t.url}/api/media?name=mangrove-forest.png`, { method: 'POST', headers: { cookie: t.admin.cookie, 'x-csrf-token': t.admin.csrf }, body: new Blob([new Uint8Array(PNG.sync.write(png))]) });
    draft.assets.forest = { sha256: ((await uploaded.json()) as { sha256: string }).sha256 };
    draft.items.forest = { kind: 'image', asset: 'forest', duration: 5 };
    draft.sequences.main.items.push('honey', 'plain', 'forest');
    await publishChannel(t, 'arrivals', draft);
    const at = new Date().toISOString();
    const hb = d.heartbeat({
      playlist: { state: 'ok', channel: 'arrivals', version: 1 },
      // Reported kiosk first: the hub puts them in the screen's own order.
      nowPlaying: [
        { display: 'kiosk', zone: 'main', itemId: 'honey', kind: 'slide', since: at },
        { display: 'hall', zone: 'main', itemId: 'hello', kind: 'slide', since: at },
        { display: 'hall', zone: 'ticker', itemId: 'plain', kind: 'ticker', since: at },
        { display: 'kiosk', zone: 'side', itemId: 'forest', kind: 'image', since: at },
      ],
    });
    expect((await d.post(`/api/devices/${d.id}/heartbeat`, hb)).status).toBe(200);
    const { devices } = await opJson<{ devices: Device[] }>(t.url, t.admin, 'GET', '/api/devices');
    const mine = devices.find((x) => x.id === d.id)!;
    expect(mine.group).toBe('Sân bay Cà Mau');
    expect(mine.playlist).toEqual({ state: 'ok', channel: 'arrivals', version: 1, title: 'Arrivals' });
    expect(Math.abs(Date.parse(mine.lastHeartbeatAt!) - Date.now())).toBeLessThan(10_000);
    expect(mine.nowPlaying.map((p) => [p.display, p.zone, p.title])).toEqual([
      ['hall', 'main', { vi: 'Lời chào', en: 'Greeting' }],
      ['hall', 'ticker', { vi: 'Chào mừng', en: 'Welcome' }],
      ['kiosk', 'main', 'Mật ong U Minh'],
      ['kiosk', 'side', 'mangrove-forest'],
    ]);
  });

  test(`${backend}: the last error shows with its time and clears once a later heartbeat shows the screen recovered`, async () => {
    const t = hub();
    const d = await FakeDevice.pair(t);
    const failedAt = new Date(Date.now() - 5_000).toISOString();
    const error = { code: 'DOWNLOAD_FAILED' as const, message: 'media 3f2a… 404', at: failedAt };
    const send = async (over: Parameters<FakeDevice['heartbeat']>[0]) => expect((await d.post(`/api/devices/${d.id}/heartbeat`, d.heartbeat(over))).status).toBe(200);
    // The heartbeat that first carries the error shows it, even though the screen plays on.
    await send({ errors: [error], cache: { ready: false, assetsReady: 0, assetsTotal: 1, bytesUsed: 0, bytesQuota: 100, freeDiskBytes: null } });
    expect((await deviceOf(t, d.id)).lastError).toEqual(error);
    // Still not ready: still shown.
    await send({ errors: [error], cache: { ready: false, assetsReady: 0, assetsTotal: 1, bytesUsed: 0, bytesQuota: 100, freeDiskBytes: null } });
    expect((await deviceOf(t, d.id)).lastError).toEqual(error);
    // The player keeps its last 20 errors in every heartbeat: a healthy one without a newer error clears it.
    await send({ errors: [error] });
    expect((await deviceOf(t, d.id)).lastError).toBeNull();
    await send({ errors: [error] });
    expect((await deviceOf(t, d.id)).lastError).toBeNull();
    // A new error shows again at once; a standing refusal is never "recovered".
    const stalled = { code: 'STALLED' as const, message: 'clip stalled, skipped', at: new Date().toISOString() };
    await send({ errors: [error, stalled] });
    expect((await deviceOf(t, d.id)).lastError).toEqual(stalled);
    const refusedAt = new Date(Date.now() + 1_000).toISOString();
    const rejection = { code: 'SIGNATURE_INVALID' as const, message: 'bad signature', at: refusedAt };
    await send({ errors: [error, stalled], rejection });
    await send({ errors: [error, stalled], rejection });
    expect((await deviceOf(t, d.id)).lastError).toEqual({ code: 'SIGNATURE_INVALID', message: 'bad signature', at: refusedAt });
  });

  test(`${backend}: a display whose play records stopped reaching the core flags the screen, and the flag clears once they flow again`, async () => {
    const t = hub();
    const d = await FakeDevice.pair(t);
    const send = async (over: Parameters<FakeDevice['heartbeat']>[0]) => expect((await d.post(`/api/devices/${d.id}/heartbeat`, d.heartbeat(over))).status).toBe(200);
    const since = new Date(Date.now() - 90_000).toISOString();
    const main = { display: 'main', lastPostAt: since, lastPlayAt: since, held: 0, stalled: false, stalledSince: null, recoveries: 0 };
    const stalled = { display: 'kiosk', lastPostAt: since, lastPlayAt: since, held: 37, stalled: true, stalledSince: since, recoveries: 2 };
    await send({ playEvents: [main, stalled] });
    const flagged = (await opJson<{ device: { playEvents: unknown } }>(t.url, t.admin, 'GET', `/api/devices/${d.id}`)).device.playEvents;
    expect(flagged).toEqual({ stalled: true, displays: [main, stalled] });
    const listed = (await opJson<{ devices: { id: string; playEvents: { stalled: boolean } }[] }>(t.url, t.admin, 'GET', '/api/devices')).devices.find((x) => x.id === d.id);
    expect(listed?.playEvents.stalled).toBe(true);
    await send({ playEvents: [main, { ...stalled, held: 0, stalled: false, stalledSince: null }] });
    expect((await opJson<{ device: { playEvents: { stalled: boolean } } }>(t.url, t.admin, 'GET', `/api/devices/${d.id}`)).device.playEvents.stalled).toBe(false);
  });

  test(`${backend}: a channel is created from a starter, saved, submitted, published; the preview is what a screen would get`, async () => {
    const t = hub();
    const created = await opJson<{ id: string; state: string; draft: { items: Record<string, unknown> } }>(t.url, t.admin, 'POST', '/api/channels', { id: 'quay', title: 'Quầy thông tin' });
    expect(created).toMatchObject({ id: 'quay', state: 'draft', version: 0 });
    const again = await op(t.url, t.admin, 'POST', '/api/channels', { id: 'quay', title: 'x' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('CHANNEL_EXISTS');
    expect((await opJson<{ state: string }>(t.url, t.admin, 'POST', '/api/channels/quay/submit')).state).toBe('submitted');
    const listed = await opJson<{ channels: { id: string; state: string; submittedBy: string }[] }>(t.url, t.admin, 'GET', '/api/channels');
    expect(listed.channels.find((c) => c.id === 'quay')).toMatchObject({ state: 'submitted', submittedBy: 'admin' });
    await opJson(t.url, t.admin, 'POST', '/api/channels/quay/publish');
    const detail = await opJson<{ state: string; version: number; published: { version: number; playlist: { channel: string } }; history: { version: number; keyids: string[] }[] }>(t.url, t.admin, 'GET', '/api/channels/quay');
    expect(detail).toMatchObject({ state: 'published', version: 1, published: { version: 1, playlist: { channel: 'quay' } } });
    expect(detail.history).toEqual([expect.objectContaining({ version: 1, keyids: [expect.stringMatching(/^[0-9a-f]{64}$/)] })]);

    // An unsaved draft with a clip: composed as the next version, media at /media/<sha256> for the studio's preview.
    const clip = await fetch(`${t.url}/api/media?name=c.webm`, { method: 'POST', headers: { cookie: t.admin.cookie, 'x-csrf-token': t.admin.csrf }, body: new Blob([new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3])]) });
    const sha = ((await clip.json()) as { sha256: string }).sha256;
    const draft = simpleDraft('Quầy thông tin') as Record<string, any>;
    draft.assets.clip = { sha256: sha };
    draft.items.clip = { kind: 'video', asset: 'clip' };
    draft.sequences.main.items.push('clip');
    const preview = await opJson<{ playlist: { channel: string; version: number; assets: Record<string, { urls: string[]; type: string }> } }>(t.url, t.admin, 'POST', '/api/channels/quay/playlist-preview', { draft });
    expect(preview.playlist).toMatchObject({ channel: 'quay', version: 2, assets: { clip: { urls: [`/media/${sha}`], type: 'video/webm' } } });
    expect((await opJson<{ state: string }>(t.url, t.admin, 'GET', '/api/channels/quay')).state).toBe('published'); // nothing saved
    draft.items.clip.asset = 'nope';
    const bad = await op(t.url, t.admin, 'POST', '/api/channels/quay/playlist-preview', { draft });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { issues: unknown[] } }).error.issues).toContainEqual(expect.objectContaining({ path: 'items.clip.asset', params: { rule: 'unknownAsset', id: 'nope' } }));
    // Saving it makes the channel a draft again; the saved preview is that draft.
    draft.items.clip.asset = 'clip';
    expect((await opJson<{ state: string }>(t.url, t.admin, 'PUT', '/api/channels/quay/draft', { draft })).state).toBe('draft');
    expect((await opJson<{ playlist: { items: Record<string, unknown> } }>(t.url, t.admin, 'GET', '/api/channels/quay/playlist-preview')).playlist.items).toHaveProperty('clip');
  });
}

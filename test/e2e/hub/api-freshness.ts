/**
 * Freshness across channels, end to end: a real player core, paired with the
 * hub, fetches its playlist from a mirror (a CDN the test controls, as an
 * attacker would) and its freshness statements through it too. Replaying the
 * emergency takeover after it ended, an older version, or an old statement
 * with the playlist it named: each is refused with its code, and the screen
 * plays what the hub vouches for.
 */
import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPlayerCore, type CoreEvents, type PlayerCore } from '../../../core/index.ts';
import { headlessPorts } from '../../../core/ports.ts';
import { FakeDevice, opJson, publishChannel, simpleDraft, type Backend, type TestHub } from './helpers.ts';

/** Serves `feed` as the playlist (no ETag: every poll gets it whole) and, at /freshness, `statement` or the hub's own. */
async function startMirror(device: FakeDevice): Promise<{ url: string; feed: string; statement: string | null; close(): Promise<void> }> {
  const mirror = { url: '', feed: '', statement: null as string | null, close: async () => {} };
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.url === '/c/feed.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(mirror.feed);
      if (req.url === '/c/freshness') {
        const body = mirror.statement ?? (await (await device.get(`/api/devices/${device.id}/freshness`)).text());
        return res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mirror.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mirror.close = () => new Promise<void>((r) => server.close(() => r()));
  return mirror;
}

function next<K extends keyof CoreEvents>(core: PlayerCore, event: K, test: (d: CoreEvents[K]) => boolean = () => true): Promise<CoreEvents[K]> {
  return new Promise((resolve) => {
    const off = core.on(event, (d) => test(d) && (off(), resolve(d)));
  });
}

/** One poll; resolves with the playlist adopted or the refusal. */
async function poll(core: PlayerCore): Promise<{ adopted: string } | { refused: string; message: string }> {
  const outcome = Promise.race([next(core, 'adopted').then((a) => ({ adopted: `${a.channel} v${a.version}` })), next(core, 'rejected').then((r) => ({ refused: r.code, message: r.message }))]);
  core.syncNow();
  return outcome;
}

export function defineFreshnessTests(backend: Backend, hub: () => TestHub): void {
  test(`${backend}: a mirror replaying the ended takeover, an older version or an old statement is refused; the screen plays what the hub vouches for`, async () => {
    const t = hub();
    const d = await FakeDevice.pair(t, { channel: 'harbour' });
    expect((d.urls as unknown as { freshnessUrl: string }).freshnessUrl).toBe(`${t.url}/api/devices/${d.id}/freshness`);
    await publishChannel(t, 'harbour');
    const mirror = await startMirror(d);
    const fromHub = async () => (mirror.feed = await (await d.get(d.urls.playlistUrl)).text());
    await fromHub();
    const dataDir = mkdtempSync(join(tmpdir(), 'pano-fresh-'));
    const core = createPlayerCore(
      { dataDir, deviceId: d.id, deviceToken: d.token, rootJson: d.urls.root, playlistUrl: `${mirror.url}/c/feed.json`, freshnessUrl: `${mirror.url}/c/freshness`, apiPort: 0, pollIntervalMs: 3_600_000, heartbeatIntervalMs: 3_600_000 },
      headlessPorts,
    );
    try {
      const first = next(core, 'adopted');
      await core.start();
      expect(await first).toMatchObject({ channel: 'harbour', version: 1 });

      // A takeover for every screen, then its end: the screen follows both.
      const { version: ev } = await opJson<{ version: number }>(t.url, t.admin, 'POST', '/api/emergency', { title: 'Bão số 9' });
      const takeover = await fromHub();
      const duringTakeover = await (await d.get(`/api/devices/${d.id}/freshness`)).text();
      expect(await poll(core)).toEqual({ adopted: `emergency v${ev}` });
      await opJson(t.url, t.admin, 'DELETE', '/api/emergency');
      const harbour1 = await fromHub();
      expect(await poll(core)).toEqual({ adopted: 'harbour v1' });

      // The mirror replays the takeover: validly signed, audience all, unexpired, a version the screen has seen.
      mirror.feed = takeover;
      expect(await poll(core)).toMatchObject({ refused: 'NOT_CURRENT', message: expect.stringContaining(`emergency v${ev} is not what the hub vouches for this screen now (harbour v1`) });
      expect(core.state().playlist).toMatchObject({ channel: 'harbour', version: 1 });

      // A new version, then the old one again: refused as a rollback before the hub is even asked.
      await publishChannel(t, 'harbour');
      await fromHub();
      expect(await poll(core)).toEqual({ adopted: 'harbour v2' });
      mirror.feed = harbour1;
      expect(await poll(core)).toEqual({ refused: 'ROLLBACK', message: 'playlist version 1 is lower than the trusted version 2' });

      // The takeover again, with the statement that named it: that statement is older than one the screen trusts.
      mirror.feed = takeover;
      mirror.statement = duringTakeover;
      expect(await poll(core)).toMatchObject({ refused: 'ROLLBACK', message: expect.stringMatching(/^freshness statement v\d+ is older than the trusted v\d+$/) });
      expect(core.state().playlist).toMatchObject({ channel: 'harbour', version: 2 });

      // The heartbeat says what was refused.
      const beat = next(core, 'heartbeat');
      await core.heartbeatNow();
      expect(await beat).toMatchObject({ playlist: { channel: 'harbour', version: 2 }, rejection: { code: 'ROLLBACK' } });
    } finally {
      await core.stop();
      await mirror.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test(`${backend}: a tag, zone and display edit reaches the core as signed settings over the push stream, and it keeps playing`, async () => {
    const t = hub();
    const d = await FakeDevice.pair(t, { tags: ['lobby'] });
    await publishChannel(t, 'lobby-ads', simpleDraft('lobby-ads', { tags: ['lobby'] }));
    const dataDir = mkdtempSync(join(tmpdir(), 'pano-retag-'));
    const urls = d.urls as typeof d.urls & { freshnessUrl: string; tags: string[] };
    const portrait = [{ id: 'main', orientation: 'portrait', touch: true }];
    // The core starts with the tags it was paired with, as savePairing leaves them in config.json.
    const core = createPlayerCore(
      { dataDir, deviceId: d.id, deviceToken: d.token, rootJson: urls.root, playlistUrl: urls.playlistUrl, freshnessUrl: urls.freshnessUrl, pushUrl: urls.pushUrl, reportUrl: urls.reportUrl, tags: urls.tags, apiPort: 0, pollIntervalMs: 3_600_000, heartbeatIntervalMs: 3_600_000 },
      headlessPorts,
    );
    try {
      const first = next(core, 'adopted');
      await core.start();
      expect(await first).toMatchObject({ channel: 'lobby-ads', version: 1 });

      // The operator moves the screen to the gate: the hub now serves the gate's channel, addressed to a tag the core was never given.
      await publishChannel(t, 'gate-ads', simpleDraft('gate-ads', { tags: ['gate'] }));
      const device = (await opJson<{ device: Record<string, unknown> }>(t.url, t.admin, 'GET', `/api/devices/${d.id}`)).device;
      const settings = next(core, 'settings', (s) => s.timeZone === 'Asia/Bangkok');
      const adopted = next(core, 'adopted', (a) => a.channel === 'gate-ads');
      const edited = Date.now();
      await opJson(t.url, t.admin, 'PUT', `/api/devices/${d.id}`, { name: device.name, tags: ['gate'], timeZone: 'Asia/Bangkok', displays: portrait, channel: null, group: null });
      // Pushed, not polled (the poll interval is an hour): the signed settings, then the playlist hint.
      expect(await settings).toMatchObject({ tags: ['gate'], timeZone: 'Asia/Bangkok', displays: portrait });
      expect(await adopted).toMatchObject({ channel: 'gate-ads', version: 1 });
      expect(Date.now() - edited).toBeLessThan(10_000);
      expect(core.state()).toMatchObject({ timeZone: 'Asia/Bangkok', displays: portrait, playlist: { channel: 'gate-ads', version: 1 } });
      // The screen reports what it applied at once; the hub's screen page compares it with what it holds.
      await expect
        .poll(async () => (await opJson<{ device: { heartbeat: { settings?: unknown } | null } }>(t.url, t.admin, 'GET', `/api/devices/${d.id}`)).device.heartbeat?.settings, { timeout: 10_000 })
        .toMatchObject({ tags: ['gate'], timeZone: 'Asia/Bangkok', displays: portrait });
      // config.json keeps them for the next start.
      expect(JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8'))).toMatchObject({ tags: ['gate'], timeZone: 'Asia/Bangkok', displays: portrait });
    } finally {
      await core.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertMessage, AlertSettings, AlertThresholds } from '../../playlists/schemas/alerts.ts';
import type { Heartbeat } from '../../playlists/schemas/reports.ts';
import { createHub, type Hub } from '../hub.ts';
import { compose, isQuiet } from './compose.ts';
import { signature } from './deliver.ts';
import { evaluate, type ScreenFacts } from './rules.ts';
import { listAlerts, saveSettings, syncAlerts } from './store.ts';
import { body, formatTime, subject } from './words.ts';

const T = AlertThresholds.parse({});
const NOW = Date.parse('2026-12-04T05:00:00Z'); // 12:00 in Ho Chi Minh City

const heartbeat = (over: Partial<Heartbeat> = {}): Heartbeat => ({
  id: 'hb-1',
  deviceId: 'screen-1',
  sentAt: new Date(NOW).toISOString(),
  appVersion: '1.0.0',
  shell: 'none',
  uptimeSec: 10,
  timeZone: 'Asia/Ho_Chi_Minh',
  playlist: { state: 'ok', channel: 'lobby', version: 3 },
  pending: null,
  rejection: null,
  nowPlaying: [],
  cache: { ready: true, assetsReady: 1, assetsTotal: 1, bytesUsed: 1, bytesQuota: 10, freeDiskBytes: 50 * 1024 ** 3 },
  clock: { skewMs: 200, corrected: false },
  outbox: { pending: 0, bytes: 0, dropped: { heartbeats: 0, events: 0, plays: 0 }, corrupt: 0 },
  errors: [],
  ...over,
});

const facts = (over: Partial<ScreenFacts> = {}): ScreenFacts => ({
  lastSeen: NOW - 10_000,
  heartbeatIntervalMs: 60_000,
  heartbeat: heartbeat(),
  chainStatus: 'ok',
  chainProblems: 0,
  plays: 10,
  skipped: 0,
  publishedAt: NOW - 3600_000,
  publishedVersion: 3,
  ...over,
});

describe('alert rules', () => {
  it('a healthy screen raises nothing; each fact raises its own rule with its values', () => {
    expect([...evaluate(facts(), T, NOW).holding]).toEqual([]);
    const bad = evaluate(
      facts({
        heartbeat: heartbeat({ playlist: { state: 'expired', channel: 'lobby', version: 2 }, clock: { skewMs: -300_000, corrected: false }, cache: { ...heartbeat().cache, ready: false, freeDiskBytes: 100 * 1024 * 1024 } }),
        chainStatus: 'gap',
        chainProblems: 2,
        skipped: 4,
      }),
      T,
      NOW,
    ).holding;
    expect(Object.fromEntries(bad)).toEqual({
      chain: { status: 'gap', problems: 2 },
      skipping: { percent: 40, skipped: 4, plays: 10, minutes: 15 },
      expired: { channel: 'lobby', version: 2 },
      clockSkew: { seconds: -300 },
      diskFull: { freeMb: 100 },
      notReady: { minutes: 60, version: 3 },
    });
  });

  it('skipping needs more than the share, over enough plays', () => {
    expect(evaluate(facts({ plays: 10, skipped: 3 }), T, NOW).holding.has('skipping')).toBe(false);
    expect(evaluate(facts({ plays: 3, skipped: 3 }), T, NOW).holding.has('skipping')).toBe(false);
    expect(evaluate(facts({ plays: 4, skipped: 2 }), T, NOW).holding.get('skipping')).toMatchObject({ percent: 50 });
  });

  it('offline after N intervals of silence; then other rules are not judged', () => {
    expect(evaluate(facts({ lastSeen: NOW - 179_000 }), T, NOW).holding.has('offline')).toBe(false);
    const v = evaluate(facts({ lastSeen: NOW - 181_000, chainStatus: 'broken' }), T, NOW);
    expect([...v.holding.keys()]).toEqual(['offline']);
    expect(v.unknown).toContain('chain');
    expect(evaluate(facts({ lastSeen: null }), T, NOW).holding.size).toBe(0);
  });

  it('not ready only once the publish is older than the threshold', () => {
    const behind = facts({ heartbeat: heartbeat({ playlist: { state: 'ok', channel: 'lobby', version: 2 } }), publishedVersion: 3 });
    expect(evaluate({ ...behind, publishedAt: NOW - 29 * 60_000 }, T, NOW).holding.has('notReady')).toBe(false);
    expect(evaluate({ ...behind, publishedAt: NOW - 31 * 60_000 }, T, NOW).holding.has('notReady')).toBe(true);
  });
});

describe('alert words, quiet hours, signature', () => {
  it('times are dd/MM/yyyy HH:mm in the hub zone; Vietnamese comes before English', () => {
    expect(formatTime('2026-12-04T17:05:00Z', 'Asia/Ho_Chi_Minh')).toBe('05/12/2026 00:05');
    const a = { id: 'a', deviceId: 's1', deviceName: 'Sảnh A', rule: 'offline' as const, params: { minutes: 3 }, openedAt: '2026-12-04T05:00:00Z', closedAt: null };
    const m = AlertMessage.parse({ id: 'm', sentAt: '2026-12-04T05:01:00Z', opened: [a], closed: [] });
    const text = body(m, 'Asia/Ho_Chi_Minh');
    expect(text.indexOf('mất kết nối')).toBeGreaterThan(-1);
    expect(text.indexOf('mất kết nối')).toBeLessThan(text.indexOf('offline (no heartbeat for 3 min)'));
    expect(text).toContain('04/12/2026 12:00  Sảnh A');
    expect(subject(m)).toBe('[Pano] Cảnh báo: 1 màn hình / Alert: 1 screen(s)');
    expect(subject({ ...m, opened: [], closed: [{ ...a, closedAt: '2026-12-04T06:00:00Z' }] })).toContain('Back to normal');
  });

  it('quiet hours cross midnight in the hub zone', () => {
    const s = AlertSettings.parse({ quietHours: { from: '22:00', to: '06:00' } });
    expect(isQuiet(s, Date.parse('2026-12-04T16:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe(true); // 23:00
    expect(isQuiet(s, Date.parse('2026-12-04T22:59:00Z'), 'Asia/Ho_Chi_Minh')).toBe(true); // 05:59
    expect(isQuiet(s, Date.parse('2026-12-04T23:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe(false); // 06:00
    expect(isQuiet(AlertSettings.parse({}), Date.parse('2026-12-04T16:00:00Z'), 'Asia/Ho_Chi_Minh')).toBe(false);
  });

  it('signs the raw body with HMAC-SHA256 (RFC 4231 test case 2)', () => {
    expect(signature('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});

describe('alerts in the database: open, group, close', () => {
  let hub: Hub | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await hub?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('twenty screens silent together are one message per recipient entry; a blip is recorded, not sent', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pano-alerts-'));
    let now = NOW;
    hub = await createHub({ dataDir: dir, port: 0, now: () => now, alertLoop: false });
    const h = hub.context;
    for (let i = 0; i < 21; i++) {
      await h.db.run(
        "INSERT INTO devices (id, name, tags, time_zone, displays, public_key, paired_at, chain_hash, last_seen, hb_interval_ms) VALUES ($1, $2, $3, 'Asia/Ho_Chi_Minh', '[]', 'k', 0, 'h', $4, 1000)",
        [`s${i}`, `Screen ${i}`, JSON.stringify([i < 20 ? 'district-1' : 'airport']), now],
      );
    }
    const settings = AlertSettings.parse({
      groupSeconds: 5,
      smtp: { host: '127.0.0.1', from: 'pano@example.org' },
      webhook: { url: 'http://127.0.0.1:9/hook', secret: 's' },
      recipients: [{ tags: ['district-1'], emails: ['ops1@example.org'] }, { tags: ['airport'], emails: ['air@example.org'], webhook: false }],
    });
    await saveSettings(h, settings);
    now += 3500;
    await h.db.run('UPDATE devices SET last_seen = $1 WHERE id = $2', [now, 's20']); // the airport screen keeps talking
    expect(await syncAlerts(h, settings)).toEqual({ opened: 20, closed: 0 });
    expect(await compose(h, settings)).toBe(0); // the window is still open
    now += 5000;
    await h.db.run('UPDATE devices SET last_seen = $1 WHERE id = $2', [now, 's20']);
    expect(await compose(h, settings)).toBe(2); // the webhook and district-1's mail; nothing for the airport
    const rows = await h.db.all<{ channel: string; recipients: string; body: string }>('SELECT channel, recipients, body FROM alert_messages ORDER BY channel');
    expect(rows.map((r) => [r.channel, r.recipients])).toEqual([['mail', '["ops1@example.org"]'], ['webhook', '[]']]);
    expect(AlertMessage.parse(JSON.parse(rows[0]!.body)).opened).toHaveLength(20);
    expect(await compose(h, settings)).toBe(0); // told once

    // They come back: one "back to normal".
    await h.db.run('UPDATE devices SET last_seen = $1', [now]);
    expect(await syncAlerts(h, settings)).toEqual({ opened: 0, closed: 20 });
    now += 5000;
    expect(await compose(h, settings)).toBe(2);
    const back = await h.db.all<{ body: string }>("SELECT body FROM alert_messages WHERE channel = 'mail' ORDER BY created_at DESC");
    expect(AlertMessage.parse(JSON.parse(back[0]!.body))).toMatchObject({ opened: [], closed: expect.arrayContaining([expect.objectContaining({ rule: 'offline' })]) });
    expect((await listAlerts(h)).past).toHaveLength(20);

    // Silent and back within the window: a blip, no message.
    now += 3500;
    await h.db.run('UPDATE devices SET last_seen = $1 WHERE id = $2', [now, 's20']);
    await syncAlerts(h, settings);
    await h.db.run('UPDATE devices SET last_seen = $1', [now]);
    await syncAlerts(h, settings);
    now += 6000;
    await h.db.run('UPDATE devices SET last_seen = $1', [now]);
    expect(await compose(h, settings)).toBe(0);
  });

  it('skipping counts the plays that ended in the window, from the plays table', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pano-alerts-'));
    const now = NOW;
    hub = await createHub({ dataDir: dir, port: 0, now: () => now, alertLoop: false });
    const h = hub.context;
    await h.db.run("INSERT INTO devices (id, name, tags, time_zone, displays, public_key, paired_at, chain_hash, last_seen, hb_interval_ms) VALUES ('k1', 'Kiosk', '[]', 'Asia/Ho_Chi_Minh', '[]', 'k', 0, 'h', $1, 60000)", [now]);
    const play = (i: number, endedMinutesAgo: number, outcome: string) =>
      h.db.run(
        "INSERT INTO plays (id, device_id, seq, channel, playlist_version, display, zone, item_id, kind, started_at, ended_at, duration_ms, outcome, day, received_at, hash) VALUES ($1, 'k1', $2, 'c', 1, 'main', 'main', 'i', 'video', $3, $3, 0, $4, '2026-12-04', $3, 'h')",
        [`p${i}`, i, now - endedMinutesAgo * 60_000, outcome],
      );
    // An hour ago it skipped everything; in the last 15 minutes 2 of 6 (33 % > 30 %).
    for (let i = 0; i < 10; i++) await play(i, 60, 'skipped');
    for (let i = 10; i < 16; i++) await play(i, 5, i < 12 ? 'skipped' : 'completed');
    const settings = AlertSettings.parse({});
    expect(await syncAlerts(h, settings)).toEqual({ opened: 1, closed: 0 });
    expect((await listAlerts(h)).open[0]).toMatchObject({ rule: 'skipping', params: { percent: 33, skipped: 2, plays: 6, minutes: 15 } });
  });
});

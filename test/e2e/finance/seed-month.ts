import type { Db, Param } from '../../../server/db/db.ts';
import { instantOf } from '../../../playlists/scheduler/zoned-time.ts';

/**
 * A month of two screens in the hub zone (Asia/Ho_Chi_Minh, November 2026),
 * written straight into the hub's database, with the figures a person works
 * out by hand from this description (EXPECTED), so the report is checked
 * against arithmetic, not against its own query.
 *
 * - Sảnh Nhà ga T2 (gate): a heartbeat every 5 min all month, on playlist
 *   lobby v1 (operating hours 07:00–22:00: nothing on the glass outside),
 *   except no heartbeat 10:00–12:55 on 10/11 (a 3 h gap).
 * - Quảng trường Đồng Khởi (square): a heartbeat every 5 min from 01/11
 *   through 15/11 only, on lobby v2 (no operating hours: always on); from
 *   11/11 its beats report the screen's own opening hours 06:00–23:00
 *   (device settings), which stand until the month ends: 7 h dark a day for
 *   20 days. (The seed's nowPlaying does not model the black: the report's
 *   dark time is read from the hours alone.)
 * - Plays (one per day at 10:00 local, cycling), and one each just outside
 *   the month that must not count; a gap flag on the square inside the month,
 *   a broken flag on the gate before it.
 */
export const ZONE = 'Asia/Ho_Chi_Minh';
const T = (day: number, minute = 0) => instantOf(`2026-11-${String(day).padStart(2, '0')}`, minute, ZONE);
const MIN5 = 300_000;

interface PlaySpec {
  device: string;
  item: string;
  outcome: 'completed' | 'skipped' | 'interrupted' | 'error';
  reason: string | null;
  ms: number;
  n: number;
}

const PLAYS: PlaySpec[] = [
  { device: 'gate', item: 'tet-promo', outcome: 'completed', reason: null, ms: 15_000, n: 100 },
  { device: 'gate', item: 'tet-promo', outcome: 'skipped', reason: 'STALLED: chưa sẵn sàng sau 5 giây', ms: 2_000, n: 5 },
  { device: 'gate', item: 'tet-promo', outcome: 'error', reason: 'PLAYBACK_FAILED: decode error', ms: 1_000, n: 2 },
  { device: 'gate', item: 'bank-ad', outcome: 'completed', reason: null, ms: 30_000, n: 50 },
  { device: 'gate', item: 'bank-ad', outcome: 'interrupted', reason: 'emergency takeover', ms: 7_000, n: 3 },
  { device: 'square', item: 'tet-promo', outcome: 'completed', reason: null, ms: 15_000, n: 40 },
  { device: 'square', item: 'tet-promo', outcome: 'skipped', reason: 'STALLED: chưa sẵn sàng sau 5 giây', ms: 2_000, n: 4 },
];

const secs = (device: string, item: string) => PLAYS.filter((p) => p.device === device && p.item === item).reduce((a, p) => a + p.n * p.ms, 0) / 1000;
const gapLost = 13 * 3600 - (9 * 3600 + 55 * 60 + 750); // 13:00 back to the 09:55 beat's reach (2.5 × 5 min)

export const EXPECTED = {
  names: { gate: 'Sảnh Nhà ga T2', square: 'Quảng trường Đồng Khởi' },
  clips: {
    'gate/tet-promo': { started: 107, completed: 100, skipped: 5, interrupted: 0, errors: 2, seconds: secs('gate', 'tet-promo') },
    'gate/bank-ad': { started: 53, completed: 50, skipped: 0, interrupted: 3, errors: 0, seconds: secs('gate', 'bank-ad') },
    'square/tet-promo': { started: 44, completed: 40, skipped: 4, interrupted: 0, errors: 0, seconds: secs('square', 'tet-promo') },
  },
  screens: {
    gate: { onlineSec: 30 * 86_400 - gapLost, contentSec: 30 * 15 * 3600 - gapLost, darkSec: 30 * 9 * 3600, chain: 'ok', records: 160 },
    square: { onlineSec: 15 * 86_400 + 450, contentSec: 15 * 86_400 + 450, darkSec: 20 * 7 * 3600, chain: 'gap', records: 44 },
  },
  totals: { started: 204, completed: 190, skipped: 9, seconds: secs('gate', 'tet-promo') + secs('gate', 'bank-ad') + secs('square', 'tet-promo') },
};

function envelope(payload: unknown): string {
  return JSON.stringify({ payloadType: 'application/vnd.pano.playlist+json', payload: Buffer.from(JSON.stringify(payload)).toString('base64'), signatures: [{ keyid: 'seed', sig: 'AAAA' }] });
}

async function insertMany(db: Db, table: string, columns: string[], rows: Param[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    const values = chunk.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(',')})`).join(',');
    await db.run(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${values}`, chunk.flat());
  }
}

export async function seedMonth(db: Db): Promise<void> {
  await db.tx(async (t) => {
    for (const [id, name] of Object.entries(EXPECTED.names)) {
      await t.run("INSERT INTO devices (id, name, tags, time_zone, displays, public_key, paired_at, chain_hash, hb_interval_ms) VALUES ($1, $2, '[]', $3, '[]', 'x', $4, 'h', $5)", [id, name, ZONE, T(1) - 86_400_000 * 30, MIN5]);
    }
    await t.run("INSERT INTO playlist_versions (channel, version, envelope, published_by, published_at) VALUES ('lobby', 1, $1, 'seed', 0)", [envelope({ schedule: { operatingHours: [{ start: '07:00', end: '22:00' }], entries: [] } })]);
    await t.run("INSERT INTO playlist_versions (channel, version, envelope, published_by, published_at) VALUES ('lobby', 2, $1, 'seed', 0)", [envelope({ schedule: { entries: [] } })]);
    const beats: Param[][] = [];
    const own = { version: 2, tags: [], timeZone: ZONE, displays: [], operatingHours: [{ start: '06:00', end: '23:00' }] };
    const beat = (device: string, at: number, showing: boolean, version: number, settings?: typeof own) =>
      beats.push([`${device}-${at}`, device, at, JSON.stringify({ nowPlaying: showing ? [{ display: 'main', zone: 'main', itemId: 'x', kind: 'video', since: '' }] : [], playlist: { state: 'ok', channel: 'lobby', version }, ...(settings ? { settings } : {}) })]);
    const gapFrom = T(10, 600);
    const gapTo = T(10, 780);
    for (let at = T(1); at < T(1) + 30 * 86_400_000; at += MIN5) {
      const minute = Math.round((at - T(1)) / 60_000) % 1440;
      if (at < gapFrom || at >= gapTo) beat('gate', at, minute >= 420 && minute < 1320, 1);
      if (at < T(16)) beat('square', at, true, 2, at >= T(11) ? own : undefined);
    }
    beat('gate', T(1) + 30 * 86_400_000, true, 1); // 01/12 00:00: the next month
    await insertMany(t, 'heartbeats', ['id', 'device_id', 'received_at', 'body'], beats);
    const plays: Param[][] = [];
    const seq = { gate: 0, square: 0 } as Record<string, number>;
    const play = (p: PlaySpec, at: number, day: string) =>
      plays.push([`${p.device}-${seq[p.device]}`, p.device, seq[p.device]!++, 'lobby', 1, 'main', 'main', p.item, 'video', at, at + p.ms, p.ms, p.outcome, p.reason, day, at, 'h']);
    play(PLAYS[0]!, T(1) - 3_600_000, '2026-10-31');
    let k = 0;
    for (const p of PLAYS) for (let i = 0; i < p.n; i++, k++) play(p, T((k % 30) + 1, 600) + i, `2026-11-${String((k % 30) + 1).padStart(2, '0')}`);
    play(PLAYS[0]!, T(1) + 30 * 86_400_000 + 3_600_000, '2026-12-01');
    await insertMany(t, 'plays', ['id', 'device_id', 'seq', 'channel', 'playlist_version', 'display', 'zone', 'item_id', 'kind', 'started_at', 'ended_at', 'duration_ms', 'outcome', 'reason', 'day', 'received_at', 'hash'], plays);
    await t.run("INSERT INTO chain_flags (id, device_id, at, kind, seq, record_id, detail) VALUES ('f1', 'square', $1, 'gap', 20, 'square-20', 'records 18–19 are missing')", [T(12)]);
    await t.run("INSERT INTO chain_flags (id, device_id, at, kind, seq, record_id, detail) VALUES ('f2', 'gate', $1, 'broken', 1, 'gate-1', 'before the month')", [T(1) - 10 * 86_400_000]);
  });
}

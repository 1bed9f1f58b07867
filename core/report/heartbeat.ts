import { randomUUID } from 'node:crypto';
import { statfs } from 'node:fs/promises';
import type { DisplayInfo, RecoveryCounts } from '../ports.ts';
import type { Heartbeat } from '../../playlists/schemas/reports.ts';
import type { ErrorCode } from '../../playlists/errors.ts';
import type { OutboxStats } from '../outbox/outbox.ts';
import type { Rejection } from '../sync/trust-store.ts';

export interface NowPlaying {
  display: string;
  zone: Heartbeat['nowPlaying'][number]['zone'];
  itemId: string;
  kind: Heartbeat['nowPlaying'][number]['kind'];
  since: string;
}

export interface HeartbeatInput {
  deviceId: string;
  appVersion: string;
  shell: Heartbeat['shell'];
  /** Raw clock difference since start: skew correction must not leak into it (a 1970 clock corrected to today is not 56 years of uptime). */
  uptimeMs: number;
  /** The server-corrected time (sentAt, expiry). */
  now: number;
  timeZone: string;
  settings?: Heartbeat['settings'];
  current: { channel: string; version: number; expiresAt: string; adoptedAt?: string | undefined } | null;
  /** No answer from the playlist host for this long makes the playlist `stale`. */
  stale: boolean;
  pending: Heartbeat['pending'];
  rejection: Rejection | null;
  /** The trusted root: its expiry is checked against the same (skew-corrected) `now` as the playlist's. */
  root: { version: number; expiresAt: string };
  nowPlaying: NowPlaying[];
  cache: { ready: boolean; assetsReady: number; assetsTotal: number; bytesUsed: number; bytesQuota: number };
  dataDir: string;
  skewMs: number | null;
  corrected: boolean;
  outbox: OutboxStats;
  errors: { code: ErrorCode; message: string; at: string }[];
  displays: DisplayInfo[];
  recoveries: RecoveryCounts;
  playEvents: NonNullable<Heartbeat['playEvents']>;
  guard?: Pick<Heartbeat, 'rendererMemory' | 'maintenance'> | undefined;
  displayPower?: Heartbeat['displayPower'];
}

/** The heartbeat body (Heartbeat schema) from a snapshot of the core. */
export async function buildHeartbeat(i: HeartbeatInput): Promise<Heartbeat> {
  const expired = i.current !== null && Date.parse(i.current.expiresAt) <= i.now;
  const state = i.current === null ? 'none' : expired ? 'expired' : i.stale ? 'stale' : 'ok';
  const free = await statfs(i.dataDir).then((s) => s.bavail * s.bsize).catch(() => null);
  return {
    id: randomUUID(),
    deviceId: i.deviceId,
    sentAt: new Date(i.now).toISOString(),
    appVersion: i.appVersion,
    shell: i.shell,
    uptimeSec: Math.max(0, i.uptimeMs / 1000),
    timeZone: i.timeZone,
    playlist: {
      state,
      ...(i.current ? { channel: i.current.channel, version: i.current.version, expiresAt: i.current.expiresAt } : {}),
      ...(i.current?.adoptedAt ? { adoptedAt: i.current.adoptedAt } : {}),
    },
    pending: i.pending,
    rejection: i.rejection,
    root: { ...i.root, expired: !(i.now < Date.parse(i.root.expiresAt)) },
    nowPlaying: i.nowPlaying.slice(0, 32),
    cache: { ...i.cache, freeDiskBytes: free === null ? null : Math.max(0, Math.floor(free)) },
    clock: { skewMs: i.skewMs, corrected: i.corrected },
    outbox: { pending: i.outbox.pending, bytes: i.outbox.bytes, dropped: i.outbox.dropped, corrupt: i.outbox.corrupt },
    errors: i.errors.slice(-20),
    displays: i.displays.filter((d) => d.width > 0 && d.height > 0).slice(0, 16),
    recoveries: i.recoveries,
    playEvents: i.playEvents,
    ...(i.settings ? { settings: i.settings } : {}),
    ...i.guard,
    ...(i.displayPower ? { displayPower: i.displayPower } : {}),
  };
}

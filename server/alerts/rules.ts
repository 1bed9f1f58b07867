import type { AlertRule, AlertThresholds } from '../../playlists/schemas/alerts.ts';
import type { Heartbeat } from '../../playlists/schemas/reports.ts';

/** What the rules read about one screen: its last heartbeat and the hub's own records. */
export interface ScreenFacts {
  lastSeen: number | null;
  heartbeatIntervalMs: number;
  heartbeat: Heartbeat | null;
  chainStatus: string;
  chainProblems: number;
  /** Plays and skips that ended within the skipping window. */
  plays: number;
  skipped: number;
  /** When the screen's channel was last published, if it has one. */
  publishedAt: number | null;
  publishedVersion: number | null;
}

export type Conditions = Map<AlertRule, Record<string, string | number>>;

export interface Verdict {
  /** Rules that hold now, with the values their sentences need. */
  holding: Conditions;
  /** Rules this evaluation cannot judge (the screen is silent): their open alerts stay as they are. */
  unknown: AlertRule[];
}

const MB = 1024 * 1024;
const HEARTBEAT_RULES: AlertRule[] = ['stale', 'expired', 'skipping', 'notReady', 'chain', 'clockSkew', 'diskFull'];

/**
 * Pure: a screen's facts and the thresholds → the rules that hold. A silent
 * screen is only "offline": what its last heartbeat said is old news, so the
 * other alerts neither open nor close until it speaks again.
 */
export function evaluate(f: ScreenFacts, t: AlertThresholds, now: number): Verdict {
  const holding: Conditions = new Map();
  if (f.lastSeen === null) return { holding, unknown: [] };
  const silentMs = now - f.lastSeen;
  if (silentMs > t.offlineIntervals * f.heartbeatIntervalMs) {
    holding.set('offline', { minutes: Math.round(silentMs / 60_000), since: new Date(f.lastSeen).toISOString() });
    return { holding, unknown: HEARTBEAT_RULES };
  }
  const hb = f.heartbeat;
  if (f.chainStatus !== 'ok') holding.set('chain', { status: f.chainStatus, problems: f.chainProblems });
  if (f.plays >= t.skippedMinPlays && (100 * f.skipped) / f.plays > t.skippedPercent) {
    holding.set('skipping', { percent: Math.round((100 * f.skipped) / f.plays), skipped: f.skipped, plays: f.plays, minutes: t.skippedWindowMinutes });
  }
  if (!hb) return { holding, unknown: [] };
  if (hb.playlist.state === 'stale') holding.set('stale', { channel: hb.playlist.channel ?? '', version: hb.playlist.version ?? 0 });
  if (hb.playlist.state === 'expired') holding.set('expired', { channel: hb.playlist.channel ?? '', version: hb.playlist.version ?? 0 });
  const skew = hb.clock.skewMs;
  if (skew !== null && Math.abs(skew) > t.clockSkewSeconds * 1000) holding.set('clockSkew', { seconds: Math.round(skew / 1000) });
  const free = hb.cache.freeDiskBytes;
  if (free !== null && free < t.freeDiskMb * MB) holding.set('diskFull', { freeMb: Math.floor(free / MB) });
  if (f.publishedAt !== null && now - f.publishedAt > t.notReadyMinutes * 60_000) {
    const running = hb.playlist.version ?? 0;
    const behind = f.publishedVersion !== null && running < f.publishedVersion;
    if (behind || !hb.cache.ready) holding.set('notReady', { minutes: Math.round((now - f.publishedAt) / 60_000), version: f.publishedVersion ?? 0 });
  }
  return { holding, unknown: [] };
}

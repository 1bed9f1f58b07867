import { isPanoError, type ErrorCode } from '../../playlists/errors.ts';
import type { Command } from '../../playlists/schemas/device-api.ts';
import type { CoreConfig } from '../config.ts';
import type { Identity } from '../identity.ts';
import type { Outbox } from '../outbox/outbox.ts';
import { Poller } from '../sync/poller.ts';
import type { Clock } from '../util/clock.ts';
import { Uploader } from './uploader.ts';

export interface Reporting {
  /** Upload soon (after new records), without overlapping a round in progress; not while backing off from failures. */
  kick(): void;
  /** One upload round now; rejects on failure. */
  round(): Promise<void>;
  stop(): void;
}

/** Upload rounds with backoff, and a heartbeat every interval (the first a few seconds after start). */
export function startReporting(o: {
  cfg: CoreConfig & { reportUrl: string };
  identity: Identity;
  outbox: Outbox;
  clock: Clock;
  heartbeat: () => Promise<void>;
  onCommands: (commands: Command[]) => void;
  onAck: (kind: 'play' | 'event' | 'heartbeat', ids: string[]) => void;
  fail: (code: ErrorCode, message: string) => void;
}): Reporting {
  const { cfg, clock } = o;
  const up = new Uploader({
    reportUrl: cfg.reportUrl,
    deviceId: o.identity.deviceId,
    key: o.identity.key,
    token: () => cfg.deviceToken,
    idleTimeoutMs: cfg.idleTimeoutMs,
    now: clock.now,
    onCommands: o.onCommands,
    onError: o.fail,
    onAck: o.onAck,
  });
  const poller = new Poller(
    () =>
      up.round(o.outbox).catch((e: unknown) => {
        o.fail(isPanoError(e) ? e.code : 'NETWORK', (e as Error).message);
        throw e;
      }),
    { intervalMs: cfg.uploadIntervalMs, jitter: 0.1, maxBackoffMs: cfg.maxBackoffMs, clock },
  );
  poller.start();
  const beat = () => {
    void o.heartbeat().catch((e: unknown) => o.fail(isPanoError(e) ? e.code : 'INTERNAL', (e as Error).message));
    timer = clock.setTimeout(beat, cfg.heartbeatIntervalMs);
  };
  let timer = clock.setTimeout(beat, Math.min(5_000, cfg.heartbeatIntervalMs));
  return {
    // New records upload at once while the server answers; during an outage the backoff timer decides,
    // or every heartbeat and play would hit the dead server (a week offline: 10 000 futile attempts).
    kick: () => {
      if (poller.failures === 0) poller.now();
    },
    round: () => up.round(o.outbox),
    stop: () => {
      poller.stop();
      clock.clearTimeout(timer);
    },
  };
}

import type { KeyPair } from '../playlists/keys.ts';
import type { FailureLimiter } from './auth/ratelimit.ts';
import type { TxBatcher } from './db/batcher.ts';
import type { Db } from './db/db.ts';
import type { DeviceCache } from './devices/cache.ts';
import type { PushHub } from './devices/push.ts';
import type { TitleCache } from './devices/titles.ts';

export interface HubLimits {
  /** Largest media upload, bytes. */
  maxUploadBytes: number;
  /** Largest signed playlist accepted by `pano publish`, bytes. */
  maxEnvelopeBytes: number;
}

/** Everything a route needs, built once by createHub(). */
export interface HubContext {
  db: Db;
  /** Group commit for heartbeats (many tiny writes; play batches are already batched by the device). */
  writes: TxBatcher;
  dataDir: string;
  /** Base URL devices and browsers reach the hub at; derived from Host when absent. */
  publicUrl: string | undefined;
  /** Secure cookies: always, never, or when the request came over https (X-Forwarded-Proto trusted). */
  secureCookies: 'auto' | boolean;
  publisher: KeyPair;
  /** IANA zone the studio shows dates and times in (default Asia/Ho_Chi_Minh). */
  timeZone: string;
  /** Item titles of published versions, for the fleet's "now playing". */
  titles: TitleCache;
  push: PushHub;
  devices: DeviceCache;
  loginLimiter: FailureLimiter;
  /** Unauthenticated pairing starts per client address. */
  pairLimiter: FailureLimiter;
  limits: HubLimits;
  /** SSE keep-alive comment interval. */
  keepAliveMs: number;
  now(): number;
  log(line: string): void;
}

import type { PlayerState } from '../playlists/schemas/local-api.ts';
import type { CoreEvents } from './events.ts';

export type { CoreEvents, CoreError } from './events.ts';

/**
 * What createPlayerCore (core/index.ts) hands back to shells and tests.
 *
 * Run it in-process (tests, shells):
 *
 *   import { createPlayerCore } from '../core/index.ts';
 *   import { headlessPorts } from '../core/ports.ts';
 *   const core = await createPlayerCore({ dataDir, playlistUrl, rootFile, reportUrl, apiPort: 0 }, headlessPorts).start();
 *   core.on('adopted', ({ channel, version }) => …);
 *   const url = core.localUrl('main'); // http://127.0.0.1:<port>/?token=…&display=main (sets the cookie)
 *   await core.stop();
 */
export interface PlayerCore {
  start(): Promise<PlayerCore>;
  stop(): Promise<void>;
  state(): PlayerState;
  localUrl(display: string): string;
  on<K extends keyof CoreEvents>(event: K, fn: (data: CoreEvents[K]) => void): () => void;
  /** Heartbeat, outbox and cache figures (what `pano status` prints beside the state). */
  status(): Promise<Record<string, unknown>>;
  /** Resolves when no download is running. */
  idle(): Promise<void>;
  /** Runs one sync now (a push event does the same). */
  syncNow(): void;
  /** Queues a heartbeat now and uploads. */
  heartbeatNow(): Promise<void>;
  /** Runs one upload round now; rejects on failure. */
  uploadNow(): Promise<void>;
  readonly deviceId: string;
}

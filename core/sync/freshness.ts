import { PanoError } from '../../playlists/errors.ts';
import type { FreshnessStatement } from '../../playlists/schemas/freshness.ts';
import { MAX_STATEMENT_BYTES, verifyFreshness } from '../../playlists/trust-freshness.ts';
import { discard, readCapped, request } from '../util/http.ts';
import type { SourceOptions } from './source.ts';
import type { TrustStore } from './trust-store.ts';

/**
 * Fetches and verifies the hub's freshness statement for this device, newer
 * than or equal to the one trusted (then kept, and its channel versions raise
 * the per-channel floors). Network trouble is HTTP_STATUS / NETWORK (try
 * again later); a bad statement throws its own code (docs/signing.md).
 */
export async function fetchFreshness(url: string, trust: TrustStore, deviceId: string, now: Date, opts: SourceOptions): Promise<FreshnessStatement> {
  const res = await request(url, { headers: opts.headersFor(url), idleTimeoutMs: opts.idleTimeoutMs }, opts.now);
  opts.observe(res);
  if (res.status !== 200) {
    discard(res);
    throw new PanoError('HTTP_STATUS', `freshness statement ${url}: HTTP ${res.status}`);
  }
  const bytes = await readCapped(res, MAX_STATEMENT_BYTES, 'freshness statement');
  const statement = verifyFreshness(bytes, { root: trust.root, now, deviceId, trusted: trust.state.freshness, maxBytes: MAX_STATEMENT_BYTES }).value;
  await trust.vouched(statement);
  return statement;
}

import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { serializeEnvelope, signEnvelope } from '../../playlists/dsse.ts';
import { PAYLOAD_TYPES } from '../../playlists/schemas/envelope.ts';
import type { FreshnessStatement } from '../../playlists/schemas/freshness.ts';
import type { Origin } from '../../test/fixtures/core-origin.ts';
import { next, publish, publisher } from '../../test/fixtures/core-harness.ts';
import { perTestOrigin } from '../../test/fixtures/core-per-test.ts';

const env = perTestOrigin();
let origin: Origin;
beforeEach(() => void (origin = env.origin()));

/** The statement a hub would sign for `screen-1` naming what /c/playlist.json serves now (the test root has no hub role: a publisher key signs). */
function vouchForServed(version: number): void {
  const envelope = JSON.parse(origin.files.get('/c/playlist.json')!.bytes.toString()) as { payload: string };
  const payload = Buffer.from(envelope.payload, 'base64');
  const pl = JSON.parse(payload.toString()) as { channel: string; version: number };
  const current = { channel: pl.channel, version: pl.version, sha256: createHash('sha256').update(payload).digest('hex') };
  const now = Date.now();
  const statement: FreshnessStatement = { type: 'freshness', deviceId: 'screen-1', version, issuedAt: new Date(now).toISOString(), expiresAt: new Date(now + 3_600_000).toISOString(), rootVersion: 1, current, channels: { [current.channel]: { version: current.version, sha256: current.sha256 } } };
  origin.put('/c/freshness', serializeEnvelope(signEnvelope(PAYLOAD_TYPES.freshness, new TextEncoder().encode(JSON.stringify(statement)), [publisher])), { etag: null });
}

/** One poll: the version adopted, the code refused, or (the hub unreachable) the network-kind error reported. */
async function poll(p: Awaited<ReturnType<typeof env.start>>) {
  const outcome = Promise.race([
    next(p.core, 'adopted').then((a) => `adopted v${a.version}`),
    next(p.core, 'rejected').then((r) => r.code),
    next(p.core, 'error', (e) => e.code === 'HTTP_STATUS').then((e) => `unreachable ${e.code}`),
  ]);
  p.core.syncNow();
  return outcome;
}

describe('the hub\'s freshness statement, as the core fetches it', () => {
  it('a broken or unreachable statement is not held against the playlist: the same bytes are adopted once the hub vouches for them', async () => {
    publish(origin, { version: 1 });
    vouchForServed(1);
    const p = await env.start({ deviceId: 'screen-1', freshnessUrl: `${origin.url}/c/freshness` });
    await next(p.core, 'adopted');
    publish(origin, { version: 2 });
    origin.files.get('/c/playlist.json')!.etag = null; // a host without ETags: every poll fetches the same bytes

    origin.put('/c/freshness', '{"not": "a statement"', { etag: null });
    expect(await poll(p)).toBe('MALFORMED');
    origin.fault('/c/freshness', { kind: 'status', status: 503 });
    expect(await poll(p)).toBe('unreachable HTTP_STATUS');
    expect(p.core.state().playlist?.version).toBe(1);

    vouchForServed(2);
    expect(await poll(p)).toBe('adopted v2');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Origin } from '../../test/fixtures/core-origin.ts';
import { perTestOrigin } from '../../test/fixtures/core-per-test.ts';
import { next, publish, publisher, rootKey, waitState, type Started } from '../../test/fixtures/core-harness.ts';
import { rootEnvelope } from '../../test/fixtures/core-signing.ts';

/**
 * The trusted root's expiry, on a real core against a real origin. Time moves
 * the way a screen learns it: through the host's Date header (past the skew
 * threshold the core uses the server's time for every expiry decision).
 */
const PANO = join(import.meta.dirname, '..', '..', 'cli', 'pano.js');
const DAY = 86_400_000;
const env = perTestOrigin();
let origin: Origin;
beforeEach(() => void (origin = env.origin()));

/** A root v1 that expires in 30 days (the players' pinned root). */
const expiringRoot = () => rootEnvelope(1, [rootKey], [publisher], [rootKey], new Date(Date.now() + 30 * DAY).toISOString().replace(/\.\d+Z$/, 'Z'));

const start = env.start;

async function beat(p: Started) {
  const hb = next(p.core, 'heartbeat');
  await p.core.heartbeatNow();
  return hb;
}

describe('the trusted root expires', () => {
  it('adopts nothing new under an expired root, with the code and reason pano verify gives, and says so in the heartbeat', async () => {
    const root = expiringRoot();
    publish(origin, { version: 1 });
    const p = await start({ rootJson: root });
    await waitState(p.core, (s) => s.playlist?.version === 1);
    expect(await beat(p)).toMatchObject({ root: { version: 1, expired: false } });

    // Sixty days on, by the host's clock: the root expired at day 30 and no newer one is published.
    const later = Date.now() + 60 * DAY;
    origin.date = () => new Date(Date.now() + 60 * DAY);
    publish(origin, { version: 2 });
    const refused = next(p.core, 'rejected');
    p.core.syncNow();
    const rejection = await refused;
    expect(rejection.code).toBe('EXPIRED');
    expect(rejection.message).toMatch(/^root v1 expired at /);
    expect(p.core.state().playlist?.version).toBe(1); // the current playlist keeps playing
    expect(await beat(p)).toMatchObject({ root: { version: 1, expired: true }, rejection: { code: 'EXPIRED' }, playlist: { version: 1 } });

    // pano verify, given the same root, envelope and time: the same code, the same reason.
    const dir = await mkdtemp(join(tmpdir(), 'pano-root-expiry-'));
    try {
      await writeFile(join(dir, 'root.json'), root);
      await writeFile(join(dir, 'v2.json'), origin.files.get('/c/playlist.json')!.bytes);
      const cli = spawnSync(process.execPath, [PANO, 'verify', 'v2.json', '--root', 'root.json', '--now', new Date(later).toISOString()], { cwd: dir, encoding: 'utf8' });
      expect(cli.status).toBe(1);
      const reason = (m: string) => m.replace(/ \(now .*\)\s*$/, '');
      expect(reason(cli.stderr.trim())).toBe(`EXPIRED: ${reason(rejection.message)}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('takes a fresh root published before expiry at its next poll, with no new playlist, and plays on after the old one expires', async () => {
    publish(origin, { version: 1 });
    const p = await start({ rootJson: expiringRoot(), rootCheckIntervalMs: 1 });
    await waitState(p.core, (s) => s.playlist?.version === 1);
    await p.core.idle();

    // The operator rotates (pano root rotate → POST /api/roots): root v2 appears beside the playlist.
    origin.put('/c/root/2.json', rootEnvelope(2, [rootKey], [publisher], [rootKey], '2099-01-01T00:00:00Z'));
    const polls = origin.requests('/c/playlist.json');
    const rotated = next(p.core, 'root');
    p.core.syncNow();
    expect(await rotated).toEqual({ version: 2, expiresAt: '2099-01-01T00:00:00Z' });
    // The playlist itself did not change (answered 304): the root came on its own.
    expect(origin.log.filter((l) => l.path === '/c/playlist.json').slice(polls).map((l) => l.status)).toEqual([304]);
    expect((await p.core.status()).trustedRootVersion).toBe(2);

    origin.date = () => new Date(Date.now() + 60 * DAY);
    publish(origin, { version: 2 });
    const adopted = next(p.core, 'adopted');
    p.core.syncNow();
    expect(await adopted).toMatchObject({ version: 2 });
    expect(await beat(p)).toMatchObject({ root: { version: 2, expired: false }, rejection: null, playlist: { version: 2 } });
  });
});

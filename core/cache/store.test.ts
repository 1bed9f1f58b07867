import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/fixtures/core-harness.ts';
import { fakeClock } from '../../test/fixtures/fake-clock.ts';
import { pinMtime, rot } from '../../test/fixtures/bit-rot.ts';
import { ObjectStore } from './store.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const HOUR = 3_600_000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** A store in a temp folder holding these files, each with an mtime `rot` can restore. */
async function storeWithFiles(files: Buffer[], clock: ReturnType<typeof fakeClock>) {
  const tmp = await tempDir('pano-store-');
  cleanups.push(tmp.cleanup);
  const store = new ObjectStore(tmp.dir, 1 << 30, clock.clock.now);
  await store.open();
  for (const b of files) {
    await writeFile(store.path(sha(b)), b);
    await pinMtime(store.path(sha(b)));
  }
  await store.open();
  return { store, dir: tmp.dir };
}

const storeWith = async (bytes: Buffer, clock: ReturnType<typeof fakeClock>) => (await storeWithFiles([bytes], clock)).store;

describe('cache re-verification', () => {
  it('a fresh check is trusted for ranges; an old one is hashed again before serving', async () => {
    const f = fakeClock(Date.parse('2026-11-20T00:00:00Z'));
    const bytes = randomBytes(10_000);
    const store = await storeWith(bytes, f);
    const id = sha(bytes);
    expect(await store.verifiedPath(id, 24 * HOUR)).toBe(store.path(id));
    await rot(store.path(id));
    // Within the window the stamp is all a range request gets (the documented trade-off)...
    f.set(f.now() + 23 * HOUR);
    expect(await store.verifiedPath(id, 24 * HOUR)).toBe(store.path(id));
    // ...past it, the whole file is hashed first, and the rotten file goes.
    const corrupt: string[] = [];
    store.onCorrupt = (s) => corrupt.push(s);
    f.set(f.now() + 2 * HOUR);
    expect(await store.verifiedPath(id, 24 * HOUR)).toBeNull();
    expect(corrupt).toEqual([id]);
    expect(existsSync(store.path(id))).toBe(false);
    expect(store.has(id)).toBe(false);
  });

  it('a check outlives a restart while the stat is the same, so a restart does not hash the cache again', async () => {
    const f = fakeClock(Date.parse('2026-11-20T00:00:00Z'));
    const kept = randomBytes(50_000);
    const touched = randomBytes(60_000);
    const { store: first, dir } = await storeWithFiles([kept, touched], f);
    for (const b of [kept, touched]) expect(await first.verifiedPath(sha(b))).toBe(first.path(sha(b)));
    await first.save(); // what the core does when it stops
    // Both rot where the stat cannot see it; one also gets a new mtime.
    for (const b of [kept, touched]) await rot(first.path(sha(b)));
    await utimes(first.path(sha(touched)), new Date(), new Date());

    const after = new ObjectStore(dir, 1 << 30, f.clock.now);
    const corrupt: string[] = [];
    after.onCorrupt = (s) => corrupt.push(s);
    await after.open();
    // Same stat: the saved check stands, nothing is hashed (which is why the rot goes unseen here;
    // the streamed hash and the background pass are what catch it, as within one run).
    expect(await after.verifiedPath(sha(kept))).toBe(after.path(sha(kept)));
    // A changed stat voids the saved check: hashed again, and the rotten file goes.
    expect(await after.verifiedPath(sha(touched))).toBeNull();
    expect(corrupt).toEqual([sha(touched)]);
    // The saved check keeps its age: a range request past the window hashes first.
    f.set(f.now() + 25 * HOUR);
    expect(await after.verifiedPath(sha(kept), 24 * HOUR)).toBeNull();
    expect(corrupt).toEqual([sha(touched), sha(kept)]);
  });

  it('the background pass re-hashes files checked too long ago and discards rotten ones', async () => {
    const f = fakeClock(Date.parse('2026-11-20T00:00:00Z'));
    const good = randomBytes(200_000);
    const bad = randomBytes(300_000);
    const { store } = await storeWithFiles([good, bad], f);
    for (const b of [good, bad]) expect(await store.verifiedPath(sha(b))).not.toBeNull();
    await rot(store.path(sha(bad)));
    const passes: { checked: number; bad: number }[] = [];
    const passed = () => new Promise<void>((r) => (onPass = r));
    let onPass = () => {};
    const stop = store.startReverify(f.clock, 8 * HOUR, 64 * 1024 * 1024, (r) => {
      passes.push(r);
      onPass();
    });
    cleanups.push(async () => stop());
    expect(f.pending()).toEqual([2 * HOUR]);
    const corrupt = new Promise<string>((r) => (store.onCorrupt = r));
    const t0 = f.now();
    // A pass every two hours; a file is due once its check is older than six (3/4 of eight), so by the
    // 8-hour pass at the latest: never older than the 8 hours a range request accepts.
    for (let pass = 1; pass <= 4; pass++) {
      const done = passed();
      f.fire();
      await done;
      expect(f.now() - t0).toBe(pass * 2 * HOUR);
      expect(passes.at(-1)).toEqual(pass < 4 ? { checked: 0, bad: 0 } : { checked: 2, bad: 1 });
    }
    expect(await corrupt).toBe(sha(bad));
    expect(store.has(sha(good))).toBe(true);
    expect(existsSync(store.path(sha(bad)))).toBe(false);
  });
});

describe('partial downloads in tmp/', () => {
  it('are swept at start unless they can be resumed, and what stays counts against the quota and goes first', async () => {
    const f = fakeClock(Date.parse('2026-11-20T00:00:00Z'));
    const { store } = await storeWithFiles([], f);
    const kept = randomBytes(40_000);
    const keptSha = sha(randomBytes(8));
    const orphan = sha(randomBytes(8));
    const done = randomBytes(1_000);
    // A resumable part (strong validator beside it), a part without one, a meta alone, a part of a file
    // already cached, and debris: what aborted, superseded and crashed downloads leave.
    await writeFile(join(store.tmp, `${keptSha}.part`), kept);
    await writeFile(join(store.tmp, `${keptSha}.meta`), JSON.stringify({ url: 'http://o/x', etag: '"v1"' }));
    await writeFile(join(store.tmp, `${orphan}.part`), randomBytes(30_000));
    await writeFile(join(store.tmp, `${sha(randomBytes(8))}.meta`), '{}');
    await writeFile(store.path(sha(done)), done);
    await writeFile(join(store.tmp, `${sha(done)}.part`), done.subarray(0, 500));
    await writeFile(join(store.tmp, `${sha(done)}.meta`), JSON.stringify({ url: 'http://o/d', etag: '"v1"' }));
    await writeFile(join(store.tmp, 'junk.tmp'), randomBytes(20_000));
    await store.open();
    expect((await readdir(store.tmp)).sort()).toEqual([`${keptSha}.meta`, `${keptSha}.part`]);
    expect(store.usedBytes()).toBe(done.length + kept.length);

    // Room for a new file: the part goes before any cached object.
    const small = new ObjectStore(join(store.tmp, '..'), 50_000, f.clock.now);
    await small.open();
    await small.makeRoom(20_000, new Set());
    expect(await readdir(small.tmp)).toEqual([]);
    expect(small.usedBytes()).toBe(done.length);
    expect(existsSync(small.path(sha(done)))).toBe(true);
  });
});

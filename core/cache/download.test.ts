import { randomBytes, createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../playlists/errors.ts';
import { startOrigin, type Fault, type Origin } from '../../test/fixtures/core-origin.ts';
import { tempDir } from '../../test/fixtures/core-harness.ts';
import { systemClock } from '../util/clock.ts';
import { fetchAll } from './fetcher.ts';
import { ObjectStore } from './store.ts';

let origin: Origin;
let dir: Awaited<ReturnType<typeof tempDir>>;
let store: ObjectStore;
const body = randomBytes(256 * 1024);
const sha = createHash('sha256').update(body).digest('hex');

beforeEach(async () => {
  origin = await startOrigin();
  dir = await tempDir();
  store = new ObjectStore(dir.dir, 1 << 30, Date.now);
  await store.open();
  origin.put('/f', body);
});
afterEach(async () => {
  await origin.close();
  await dir.cleanup();
});

async function get(opts: { retries?: number; size?: number; sha?: string } = {}) {
  const errors: ErrorCode[] = [];
  const ok = await fetchAll(store, [{ sha256: opts.sha ?? sha, size: opts.size ?? body.length, urls: [`${origin.url}/f`] }], {
    concurrency: 2,
    retries: opts.retries ?? 3,
    idleTimeoutMs: 300,
    retryBaseMs: 5,
    clock: systemClock,
    protect: new Set(),
    onProgress: () => {},
    onError: (code) => errors.push(code),
    signal: new AbortController().signal,
  });
  return { ok, errors };
}

const stored = async () => (await readFile(store.path(sha))).equals(body);
const tmpFiles = async () => readdir(store.tmp);

describe('downloads under faults (real loopback server)', () => {
  it.each<[string, Fault, ErrorCode]>([
    ['HTTP 500', { kind: 'status', status: 500 }, 'HTTP_STATUS'],
    ['a timeout (no answer)', { kind: 'hang' }, 'NETWORK'],
    ['wrong Content-Length (longer than pinned)', { kind: 'length', contentLength: body.length + 1000 }, 'TOO_LARGE'],
    ['wrong Content-Length (too short)', { kind: 'length', contentLength: 1000 }, 'SIZE_MISMATCH'],
    ['a trickle slower than the idle timeout', { kind: 'trickle', chunk: 1024, everyMs: 600 }, 'NETWORK'],
  ])('recovers from %s', async (_name, fault, code) => {
    origin.fault('/f', fault);
    const r = await get();
    expect(r.errors).toContain(code);
    expect(r.ok).toBe(true);
    expect(await stored()).toBe(true);
  });

  it('resumes after a reset mid-body with Range + If-Range (strong ETag)', async () => {
    origin.fault('/f', { kind: 'reset', after: 100_000 });
    const r = await get();
    expect(r.ok).toBe(true);
    const second = origin.log.filter((l) => l.path === '/f')[1]!;
    expect(second.headers.range).toMatch(/^bytes=\d+-$/);
    expect(Number(/=(\d+)-/.exec(String(second.headers.range))![1])).toBeGreaterThan(0);
    expect(second.headers['if-range']).toMatch(/^"/);
    expect(second.status).toBe(206);
    expect(await stored()).toBe(true);
  });

  it('resumes after a truncated body', async () => {
    origin.fault('/f', { kind: 'truncate', after: 50_000 });
    const r = await get();
    expect(r.ok).toBe(true);
    expect(origin.log.filter((l) => l.path === '/f')[1]?.status).toBe(206);
    expect(await stored()).toBe(true);
  });

  it('discards the partial file when a Range request gets 200', async () => {
    origin.fault('/f', { kind: 'reset', after: 100_000 }, { kind: 'ignore-range' });
    const r = await get();
    expect(r.ok).toBe(true);
    const second = origin.log.filter((l) => l.path === '/f')[1]!;
    expect(second.headers.range).toBeDefined();
    expect(second.status).toBe(200);
    expect(await stored()).toBe(true);
  });

  it('never resumes with a weak ETag', async () => {
    origin.put('/f', body, { etag: 'W/"weak"' });
    origin.fault('/f', { kind: 'reset', after: 100_000 });
    const r = await get();
    expect(r.ok).toBe(true);
    expect(origin.log.filter((l) => l.path === '/f')[1]!.headers.range).toBeUndefined();
    expect(await stored()).toBe(true);
  });

  it('completes a slow trickle that keeps within the idle timeout', async () => {
    origin.put('/f', body.subarray(0, 8192));
    const small = body.subarray(0, 8192);
    origin.fault('/f', { kind: 'trickle', chunk: 1024, everyMs: 50 });
    const r = await get({ size: small.length, sha: createHash('sha256').update(small).digest('hex'), retries: 0 });
    expect(r).toEqual({ ok: true, errors: [] });
  });

  it('refuses an oversized asset and stores nothing', async () => {
    origin.put('/f', Buffer.concat([body, Buffer.alloc(10)]));
    const r = await get({ retries: 1 });
    expect(r.ok).toBe(false);
    expect(r.errors).toContain('TOO_LARGE');
    expect(store.has(sha)).toBe(false);
    expect(await tmpFiles()).toEqual([]);
  });

  it('refuses a hash mismatch and never stores the file', async () => {
    const evil = Buffer.from(body);
    evil[1000] = evil[1000]! ^ 1;
    origin.put('/f', evil);
    const r = await get({ retries: 1 });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual(['HASH_MISMATCH', 'HASH_MISMATCH']);
    expect(store.has(sha)).toBe(false);
    expect(await tmpFiles()).toEqual([]);
  });
});

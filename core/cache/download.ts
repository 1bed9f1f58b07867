import { createHash, type Hash } from 'node:crypto';
import { open, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PanoError, isPanoError } from '../../playlists/errors.ts';
import { parseJson } from '../../playlists/parse.ts';
import { fsyncDir, writeFileAtomic } from '../util/fs-atomic.ts';
import { discard, request, type Response } from '../util/http.ts';
import { phase } from '../util/phase.ts';
import { feedFile } from './hash-file.ts';
import type { ObjectStore } from './store.ts';

export interface Wanted {
  sha256: string;
  size: number;
  /** Absolute URLs, tried in order. */
  urls: string[];
}

export interface DownloadOptions {
  idleTimeoutMs: number;
  headers?: Record<string, string>;
  onBytes?: (done: number) => void;
  signal?: AbortSignal;
  now?: () => number;
}

/** What we remember beside a partial file: resume is allowed only with a strong validator. */
const PartMeta = z.strictObject({ url: z.string(), etag: z.string() });

const isStrong = (etag: string | undefined): etag is string => etag !== undefined && etag.startsWith('"');

/**
 * Downloads one object into the store: temp file, hash while streaming, never
 * more than the declared size, then size + hash check, fsync, rename, fsync
 * the folder. A file that fails any check is deleted and never renamed in.
 */
export async function downloadObject(store: ObjectStore, want: Wanted, url: string, opts: DownloadOptions): Promise<void> {
  const part = join(store.tmp, `${want.sha256}.part`);
  const metaPath = join(store.tmp, `${want.sha256}.meta`);
  let have = (await stat(part).catch(() => null))?.size ?? 0;
  const meta = await readFile(metaPath, 'utf8')
    .then((t) => parseJson(PartMeta, t, 'partial download'))
    .catch(() => null);
  if (have > want.size || !meta || meta.url !== url) have = 0;

  const headers: Record<string, string> = { ...opts.headers, 'accept-encoding': 'identity' };
  const resuming = have > 0 && meta !== null;
  if (resuming) {
    headers.range = `bytes=${have}-`;
    headers['if-range'] = meta.etag;
  }
  // Everything slow (hashing the prefix, opening the file) happens before the
  // request, so the body is consumed the moment it arrives.
  const prefix = createHash('sha256');
  if (resuming) await feedFile(prefix, part, have);
  const fd = await open(part, resuming ? 'r+' : 'w');
  /** The strong validator of the bytes now in the part file, if any: only then may it be resumed. */
  let validator: string | undefined = resuming ? meta.etag : undefined;
  let metaWritten: Promise<void> = Promise.resolve();
  let done = have;
  phase('download', 'start', want.sha256);
  try {
    const res = await request(url, { headers, idleTimeoutMs: opts.idleTimeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) }, opts.now);
    const etag = typeof res.headers.etag === 'string' ? res.headers.etag : undefined;
    let offset: number;
    if (res.status === 206 && resuming) {
      const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(String(res.headers['content-range'] ?? ''));
      if (!m || Number(m[1]) !== have || (m[3] !== '*' && Number(m[3]) !== want.size)) {
        discard(res);
        validator = undefined;
        throw new PanoError('DOWNLOAD_FAILED', `${url}: the server answered a different range; starting over`);
      }
      offset = have;
    } else if (res.status === 200) {
      // A 200 to a Range request means the file changed (or Range is unsupported): the part is worthless.
      offset = 0;
      validator = isStrong(etag) ? etag : undefined;
      metaWritten = rm(metaPath, { force: true }).then(() => (validator ? writeFileAtomic(metaPath, JSON.stringify({ url, etag: validator })) : undefined));
    } else {
      discard(res);
      if (res.status === 416) validator = undefined;
      throw new PanoError('HTTP_STATUS', `${url}: HTTP ${res.status}`);
    }
    const declared = Number(res.headers['content-length'] ?? NaN);
    if (declared > want.size - offset) {
      res.body.destroy();
      validator = undefined;
      throw new PanoError('TOO_LARGE', `${url}: ${declared + offset} bytes announced, the playlist pins ${want.size}`);
    }
    const hash = offset > 0 ? prefix : createHash('sha256');
    // Restarting over an old part: cut it first (the writes queue behind this).
    const ready = offset === 0 && have > 0 ? fd.truncate(0) : Promise.resolve();
    done = offset;
    // `done` follows the bytes on disk, so a failure below still knows what can be resumed.
    const onBytes = (n: number) => {
      done = n;
      opts.onBytes?.(n);
    };
    done = await receive(res.body, ready, fd, offset, want.size, url, hash, onBytes);
    await metaWritten;
    if (done !== want.size) {
      throw new PanoError('SIZE_MISMATCH', `${url}: got ${done} of ${want.size} bytes`);
    }
    const got = hash.digest('hex');
    if (got !== want.sha256) {
      validator = undefined;
      throw new PanoError('HASH_MISMATCH', `${url}: sha256 ${got} is not the pinned ${want.sha256}`);
    }
    await fd.sync();
  } catch (error) {
    phase('download', 'end', want.sha256);
    await metaWritten.catch(() => {});
    await fd.close();
    const code = isPanoError(error) ? error.code : (error as NodeJS.ErrnoException).code;
    // Keep a clean prefix for a Range resume; anything else is thrown away.
    const transient = code === 'NETWORK' || code === 'SIZE_MISMATCH' || code === 'HTTP_STATUS' || code === 'ECONNRESET' || code === 'ABORT_ERR';
    const keep = transient && validator && done > 0 && done < want.size;
    if (!keep) await dropPart(part, metaPath);
    store.partLeft(want.sha256, keep ? done : 0);
    if (code === 'ENOSPC') throw new PanoError('DISK_FULL', `disk full while downloading ${url}`);
    if (isPanoError(error)) throw error;
    throw new PanoError('NETWORK', `${url}: ${(error as Error).message}`);
  }
  phase('download', 'end', want.sha256);
  await fd.close();
  const target = store.path(want.sha256);
  phase('rename', 'start', want.sha256);
  try {
    await rename(part, target);
    await fsyncDir(store.objects);
    await rm(metaPath, { force: true });
    store.partLeft(want.sha256, 0);
    const info = await stat(target);
    await store.added(want.sha256, want.size, { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs });
  } finally {
    phase('rename', 'end', want.sha256);
  }
}

const HIGH_WATER = 8 * 1024 * 1024;
/**
 * Flush written bytes to disk every this many bytes while the download goes
 * on, so the disk works in parallel with the network and the final fsync
 * (which makes the file durable before it is renamed) has little left to do.
 */
const SYNC_EVERY = 64 * 1024 * 1024;

/**
 * Streams the body into the part file. Chunks are hashed the moment they
 * arrive (flowing mode) and queued; whatever queued while a write was in
 * flight goes out as one `writev`, so a fast network costs a few hundred
 * syscalls per GiB, not one per 64 KiB chunk. Bytes received before a reset
 * are still written, so a resume starts after them. Resolves with the bytes
 * on disk; rejects (after the queue is written) on a network error.
 */
function receive(
  body: Response['body'],
  ready: Promise<unknown>,
  fd: FileHandle,
  offset: number,
  size: number,
  url: string,
  hash: Hash,
  onBytes: ((n: number) => void) | undefined,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let received = offset;
    let written = offset;
    let queued = 0;
    let pending: Buffer[] = [];
    let draining = false;
    let writing: Promise<void> = ready.then(() => undefined);
    let syncedTo = offset;
    let syncing: Promise<void> = Promise.resolve();
    let failure: unknown;
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      Promise.all([writing, syncing]).then(
        () => (error === undefined && failure === undefined ? resolve(written) : reject(failure ?? error)),
        (e: unknown) => reject(e),
      );
    };
    const fail = (error: unknown) => {
      failure ??= error;
      body.destroy();
    };
    // One loop at a time; it stops (and clears `draining`) in the same turn it finds nothing queued.
    const drain = async (): Promise<void> => {
      for (;;) {
        if (pending.length === 0 || failure !== undefined) {
          draining = false;
          return;
        }
        const batch = pending;
        pending = [];
        const at = written;
        let bytes = 0;
        for (const b of batch) bytes += b.length;
        try {
          await fd.writev(batch, at);
        } catch (error) {
          fail(error);
          draining = false;
          return;
        }
        written += bytes;
        queued -= bytes;
        onBytes?.(written);
        if (written - syncedTo >= SYNC_EVERY) {
          syncedTo = written;
          syncing = syncing.then(() => fd.datasync()).catch(fail);
        }
        if (queued < HIGH_WATER / 4 && body.isPaused()) body.resume();
      }
    };
    body.on('data', (chunk: Buffer) => {
      if (failure !== undefined) return;
      if (received + chunk.length > size) {
        failure = new PanoError('TOO_LARGE', `${url}: more bytes than the ${size} the playlist pins`);
        body.destroy();
        finish();
        return;
      }
      hash.update(chunk);
      received += chunk.length;
      queued += chunk.length;
      pending.push(chunk);
      if (queued > HIGH_WATER) body.pause();
      if (!draining) {
        draining = true;
        writing = writing.then(drain);
      }
    });
    body.on('end', () => finish());
    body.on('error', (error) => finish(error));
    // A socket closed before the announced end is a network error, even without an 'error' event.
    const onClose = () => finish(body.complete && body.readableEnded ? undefined : new PanoError('NETWORK', `${url}: connection closed early`));
    body.on('close', onClose);
    if (body.destroyed) onClose();
  });
}

async function dropPart(part: string, meta: string): Promise<void> {
  await rm(part, { force: true });
  await rm(meta, { force: true });
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { setTimeout as pause } from 'node:timers/promises';

/**
 * sha256 hex of a file (or its first `length` bytes), streamed. With
 * `bytesPerSec` the read is paced (background re-verification must not take
 * the disk from playback; Node has no I/O priority, so we read slowly).
 */
export async function hashFile(path: string, length?: number, bytesPerSec?: number, cancelled?: () => boolean): Promise<string> {
  const hash = createHash('sha256');
  await feedFile(hash, path, length, bytesPerSec, cancelled);
  return hash.digest('hex');
}

/** Streams a file's bytes into an existing hash (resuming a partial download). */
export async function feedFile(
  hash: ReturnType<typeof createHash>,
  path: string,
  length?: number,
  bytesPerSec?: number,
  cancelled: () => boolean = () => false,
): Promise<void> {
  if (length === 0) return;
  const chunkBytes = bytesPerSec === undefined ? 1024 * 1024 : Math.max(64 * 1024, Math.min(1024 * 1024, Math.floor(bytesPerSec / 4)));
  const stream = createReadStream(path, { highWaterMark: chunkBytes, ...(length !== undefined ? { start: 0, end: length - 1 } : {}) });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (cancelled()) {
      stream.destroy();
      throw new Error('hash cancelled');
    }
    hash.update(chunk);
    // Pacing is wall time on purpose (real disk time), not the injected schedule clock.
    if (bytesPerSec !== undefined) await pause((chunk.length / bytesPerSec) * 1000);
  }
}

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** sha256 hex of a file (or its first `length` bytes), streamed. */
export async function hashFile(path: string, length?: number): Promise<string> {
  const hash = createHash('sha256');
  await feedFile(hash, path, length);
  return hash.digest('hex');
}

/** Streams a file's bytes into an existing hash (resuming a partial download). */
export async function feedFile(hash: ReturnType<typeof createHash>, path: string, length?: number): Promise<void> {
  if (length === 0) return;
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024, ...(length !== undefined ? { start: 0, end: length - 1 } : {}) });
  for await (const chunk of stream as AsyncIterable<Buffer>) hash.update(chunk);
}

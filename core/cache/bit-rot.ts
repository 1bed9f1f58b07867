// Tests only: bit rot that the stat cannot see (same inode, size and mtime).
import { open, stat, utimes } from 'node:fs/promises';

/** Whole seconds: utimes cannot put back a nanosecond mtime exactly, so a file to be rotted gets one it can. */
const PINNED = 1_790_000_000;

/** Gives the file an mtime that `rot` can restore exactly (call before the store records its stat). */
export async function pinMtime(path: string): Promise<void> {
  await utimes(path, PINNED, PINNED);
}

/** Flips one byte in place and restores the pinned mtime; throws if the stat shows any change. */
export async function rot(path: string, at = 7): Promise<void> {
  const before = await stat(path);
  const fd = await open(path, 'r+');
  const one = Buffer.alloc(1);
  await fd.read(one, 0, 1, at);
  one[0] = one[0]! ^ 0xff;
  await fd.write(one, 0, 1, at);
  await fd.close();
  await utimes(path, PINNED, PINNED);
  const after = await stat(path);
  if (before.mtimeMs !== PINNED * 1000) throw new Error(`${path}: pin its mtime before rotting it`);
  if (after.ino !== before.ino || after.size !== before.size || after.mtimeMs !== before.mtimeMs) throw new Error(`${path}: the rot changed the stat`);
}

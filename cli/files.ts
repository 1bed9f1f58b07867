import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { PanoError } from '../playlists/errors.ts';
import { parseJson } from '../playlists/parse.ts';
import { parsePrivateKeyFile, parsePublicKeyFile, type KeyPair, type PublicKey } from '../playlists/keys.ts';
import { UsageError } from './args.ts';

// File access for the CLI. An unreadable input or a refused overwrite is a
// usage problem (exit 2); what the files *contain* is judged with PanoError (exit 1).

const describe = (path: string, error: unknown) => {
  const e = error as NodeJS.ErrnoException;
  return `${path}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EEXIST' ? 'already exists, refusing to overwrite' : e.message}`;
};

export async function readText(path: string): Promise<string> {
  return new TextDecoder().decode(await readBytes(path));
}

/** Reads a file, refusing (TOO_LARGE) before reading one larger than `maxBytes`. */
export async function readBytes(path: string, maxBytes = 64 * 1024 * 1024): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`${path}: not a file`);
    if (info.size > maxBytes) throw new PanoError('TOO_LARGE', `${path} is ${info.size} bytes; the limit is ${maxBytes}`);
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof UsageError || error instanceof PanoError) throw error;
    throw new UsageError(`cannot read ${describe(path, error)}`);
  }
}

/** Creates a file that must not exist yet (keys, roots: overwriting one loses it). */
export async function writeNew(path: string, text: string, mode = 0o644): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text, { flag: 'wx', mode });
    await chmod(path, mode); // umask may have widened nothing, but it can narrow; be exact
  } catch (error) {
    throw new UsageError(`cannot write ${describe(path, error)}`);
  }
}

/** Replaces a file atomically (temp file + fsync + rename): readers see old or new, never half. */
export async function writeReplacing(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(temp, 'w', 0o644);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw new UsageError(`cannot write ${describe(path, error)}`);
  }
}

/** Streams a file through sha256: media can be gigabytes. */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** True for a regular file; false when missing. */
export async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

const AnyKeyFile = z.record(z.string(), z.unknown());

/** A .key file (can sign) or a .pub file (can only be listed). */
export async function readKey(path: string): Promise<PublicKey | KeyPair> {
  const text = await readText(path);
  return 'private' in parseJson(AnyKeyFile, text, path) ? parsePrivateKeyFile(text, path) : parsePublicKeyFile(text, path);
}

export async function readSigningKey(path: string, flag: string): Promise<KeyPair> {
  const key = await readKey(path);
  if (!canSign(key)) throw new UsageError(`${flag} ${path}: a private .key file is needed to sign, not a .pub`);
  return key;
}

export const canSign = (key: PublicKey | KeyPair): key is KeyPair => 'privateKey' in key;

/** One key per keyid; giving the same key twice is a mistake worth saying. */
export function distinctKeys<K extends PublicKey>(keys: readonly K[], flag: string): K[] {
  const seen = new Map<string, K>();
  for (const k of keys) {
    if (seen.has(k.keyid)) throw new UsageError(`${flag}: the same key (keyid ${k.keyid.slice(0, 12)}…) is given twice`);
    seen.set(k.keyid, k);
  }
  return [...seen.values()];
}

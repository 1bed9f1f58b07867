import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Compression of the studio's and the preview's built files, on the fly and
 * kept in memory: each (file, version, encoding) is compressed once, by the
 * first request that asks for it. Brotli at quality 6 takes ~25 ms for the
 * studio's 232 KiB first script on this 2-core machine (quality 11: ~870 ms
 * for 9 % less), so nobody waits for it; gzip for clients without brotli.
 */

export type Encoding = 'br' | 'gzip';

/** Text worth compressing; woff2, images and video are compressed already. */
export const compressible = (type: string): boolean => /^(text\/|application\/(javascript|json|wasm)|image\/svg\+xml)/.test(type);

/** Below this the headers outweigh the saving. */
export const MIN_BYTES = 1024;

/** The encoding to send for an Accept-Encoding header: brotli, else gzip, else none (q=0 refuses one; `*` stands for any other). */
export function pickEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (enc: Encoding) => (q.get(enc) ?? (enc === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0) > 0;
  return accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : null;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

async function compress(bytes: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 6, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
    : gzipAsync(bytes, { level: 6 });
}

/** Compressed files by path, version (the file's ETag) and encoding; bounded by total bytes, oldest out first. */
export class CompressedFiles {
  readonly #entries = new Map<string, { bytes: Promise<Buffer>; size: number }>();
  #total = 0;
  readonly maxBytes: number;

  constructor(maxBytes = 32 * 1024 * 1024) {
    this.maxBytes = maxBytes;
  }

  get(path: string, etag: string, encoding: Encoding): Promise<Buffer> {
    const key = `${encoding}\0${etag}\0${path}`;
    const hit = this.#entries.get(key);
    if (hit) return hit.bytes;
    // Concurrent first requests share one compression; a failure is not kept.
    const entry = { bytes: readFile(path).then((raw) => compress(raw, encoding)), size: 0 };
    this.#entries.set(key, entry);
    entry.bytes.then(
      (bytes) => {
        if (this.#entries.get(key) !== entry) return;
        entry.size = bytes.length;
        this.#total += bytes.length;
        for (const [k, e] of this.#entries) {
          if (this.#total <= this.maxBytes || k === key) break;
          this.#entries.delete(k);
          this.#total -= e.size;
        }
      },
      () => this.#entries.get(key) === entry && this.#entries.delete(key),
    );
    return entry.bytes;
  }
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { CompressedFiles, compressible, pickEncoding } from './compress.ts';

describe('pickEncoding', () => {
  it('prefers brotli, then gzip, honouring q=0 and *', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip, deflate')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('BR;Q=0.1')).toBe('br');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('x-gzip')).toBe('gzip');
    expect(pickEncoding('gzip;q=nonsense')).toBeNull();
    expect(pickEncoding('')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });

  it('compresses text, not fonts or pictures', () => {
    expect(['text/javascript; charset=utf-8', 'text/css; charset=utf-8', 'image/svg+xml', 'application/json'].every(compressible)).toBe(true);
    expect(['font/woff2', 'image/png', 'image/jpeg', 'video/mp4'].some(compressible)).toBe(false);
  });
});

describe('CompressedFiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pano-compress-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'app.js');
  const text = 'export const greeting = "Xin chào Cà Mau";\n'.repeat(2_000);
  writeFileSync(file, text);

  it('compresses each file once per version and encoding, and the bytes come back whole', async () => {
    const files = new CompressedFiles();
    const first = files.get(file, '"v1"', 'br');
    expect(files.get(file, '"v1"', 'br')).toBe(first);
    const br = await first;
    expect(br.length).toBeLessThan(text.length / 20);
    expect(brotliDecompressSync(br).toString()).toBe(text);
    expect(gunzipSync(await files.get(file, '"v1"', 'gzip')).toString()).toBe(text);
    expect(files.get(file, '"v2"', 'br')).not.toBe(first);
  });

  it('stays within its byte bound, oldest out first, and forgets a failure', async () => {
    const files = new CompressedFiles(1);
    const a = files.get(file, '"a"', 'gzip');
    await a;
    await files.get(file, '"b"', 'gzip');
    expect(files.get(file, '"a"', 'gzip')).not.toBe(a);
    const missing = files.get(join(dir, 'missing.js'), '"x"', 'br');
    await expect(missing).rejects.toThrow();
    expect(files.get(join(dir, 'missing.js'), '"x"', 'br')).not.toBe(missing);
  });
});

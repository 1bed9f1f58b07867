import type { MediaType } from '../../playlists/schemas/assets.ts';

const BY_EXTENSION: Record<string, MediaType> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  vtt: 'text/vtt',
  woff2: 'font/woff2',
};

/** Media type from the first bytes, falling back to the file name; undefined = screens cannot use it. */
export function detectType(head: Uint8Array, name: string): MediaType | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (ascii(1, 4) === 'PNG') return 'image/png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp') return ascii(8, 12).startsWith('avi') ? 'image/avif' : 'video/mp4';
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'video/webm';
  if (ascii(0, 6) === 'WEBVTT') return 'text/vtt';
  if (ascii(0, 4) === 'wOF2') return 'font/woff2';
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  const byName = ext ? BY_EXTENSION[ext] : undefined;
  // Only text formats are trusted by name alone; binary ones were checked by magic above.
  return byName === 'image/svg+xml' || byName === 'text/vtt' ? byName : undefined;
}

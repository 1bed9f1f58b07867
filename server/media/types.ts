import type { MediaType } from '../../playlists/schemas/assets.ts';

export type Detected = { type: MediaType } | { refused: string };

/**
 * The media type from the first bytes alone: a name can say anything, and a
 * type taken from it is what a browser would be told to render.
 *
 * SVG is refused, not sanitised. An SVG is a document that can carry script,
 * event handlers, external references and CSS; a sanitiser for it needs a
 * full DOM on the hub (DOMPurify + jsdom) and has a history of bypasses
 * (namespace confusion, mutation XSS). Screens play raster images and video,
 * slides draw their own text and shapes, so a logo can be PNG or WebP with
 * nothing lost. Media already stored as SVG (before this rule) is still
 * served, under the sandbox of server/media/serve.ts.
 */
export function detectType(head: Uint8Array): Detected | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return { type: 'image/jpeg' };
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return { type: 'image/png' };
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return { type: 'image/webp' };
  if (ascii(4, 8) === 'ftyp') return { type: ascii(8, 12).startsWith('avi') ? 'image/avif' : 'video/mp4' };
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return { type: 'video/webm' };
  if (ascii(0, 4) === 'wOF2') return { type: 'font/woff2' };
  // Text formats: an optional UTF-8 byte order mark, then the signature.
  const text = ascii(0, 3) === '\xef\xbb\xbf' ? ascii(3, head.length) : ascii(0, head.length);
  // WebVTT files must start with "WEBVTT" (W3C WebVTT §4.1), then a space, tab or line end.
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(text)) return { type: 'text/vtt' };
  if (/^\s*<(?:\?xml|svg|!doctype svg|!--)/i.test(text)) {
    return { refused: 'SVG (or other XML) is not accepted: it can carry script that would run in the hub. Export it as PNG or WebP.' };
  }
  return undefined;
}

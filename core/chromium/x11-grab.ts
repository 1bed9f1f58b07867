import { execFile } from 'node:child_process';
import type { WindowRect } from './flags.ts';

/** One display's rectangle on the X screen and the name it is shown under. */
export interface LabelledRect {
  name: string;
  rect: WindowRect;
}

/** Height of the name band above each display in a grab. */
export const labelBand = (height: number): number => Math.max(28, Math.round(height / 27));

/** Display names are playlist ids (A–Z a–z 0–9 . _ -): nothing drawtext would read as syntax, but be strict anyway. */
const safeName = (name: string): string => name.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * The ffmpeg filter graph: each display cropped out of one grab of the X
 * screen, under a dark band naming it and its size, stacked top to bottom.
 */
export function grabFilter(displays: readonly LabelledRect[], origin: { x: number; y: number }): string {
  const width = Math.max(...displays.map((d) => d.rect.width));
  const parts = displays.map((d, i) => {
    const { x, y, width: w, height: h } = d.rect;
    const band = labelBand(h);
    const text = `${safeName(d.name)}  ${w}x${h}`;
    return (
      `[src${i}]crop=${w}:${h}:${x - origin.x}:${y - origin.y},` +
      `pad=${width}:${h + band}:0:${band}:color=0x202020,` +
      `drawtext=text='${text}':x=${Math.round(band / 2)}:y=${Math.round(band * 0.2)}:fontsize=${Math.round(band * 0.6)}:fontcolor=white[out${i}]`
    );
  });
  const split = displays.length > 1 ? `[0:v]split=${displays.length}${displays.map((_, i) => `[src${i}]`).join('')};` : '[0:v]null[src0];';
  const stack = displays.length > 1 ? `;${displays.map((_, i) => `[out${i}]`).join('')}vstack=inputs=${displays.length}[v]` : ';[out0]null[v]';
  return `${split}${parts.join(';')}${stack}`;
}

/**
 * What X shows on each display, as one PNG: the real glass (pointer, any
 * window or bubble over the player included), not the page's own render.
 * ffmpeg's x11grab reads the X server's framebuffer and draws the pointer as X shows it.
 */
export function grabDisplays(env: NodeJS.ProcessEnv, displays: readonly LabelledRect[]): Promise<Uint8Array> {
  if (displays.length === 0) return Promise.reject(new Error('no display to grab'));
  if (process.platform !== 'linux' || !env.DISPLAY) return Promise.reject(new Error('not an X11 screen (no DISPLAY)'));
  const left = Math.min(...displays.map((d) => d.rect.x));
  const top = Math.min(...displays.map((d) => d.rect.y));
  const right = Math.max(...displays.map((d) => d.rect.x + d.rect.width));
  const bottom = Math.max(...displays.map((d) => d.rect.y + d.rect.height));
  const args = [
    '-loglevel', 'error', '-f', 'x11grab', '-video_size', `${right - left}x${bottom - top}`, '-i', `${env.DISPLAY}+${left},${top}`,
    '-filter_complex', grabFilter(displays, { x: left, y: top }), '-map', '[v]',
    '-frames:v', '1', '-c:v', 'png', '-f', 'image2pipe', 'pipe:1',
  ];
  return new Promise((resolve, reject) => {
    execFile('ffmpeg', args, { env, encoding: 'buffer', maxBuffer: 256 * 1024 * 1024, timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
        reject(new Error(missing ? 'ffmpeg is not installed (Debian: apt-get install ffmpeg)' : `ffmpeg x11grab failed: ${stderr.toString().trim().slice(-300) || error.message}`));
      } else resolve(new Uint8Array(stdout));
    });
  });
}

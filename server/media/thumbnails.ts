import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const NICE = existsSync('/usr/bin/nice') || existsSync('/bin/nice');

/** Thumbnails and poster frames are at most this wide (and 2× that tall for portrait media). */
export const THUMB_WIDTH = 320;

/**
 * A JPEG beside the media folder: for a video the frame at 10 % of its
 * length (at most 1 s in, past a fade from black), for an image the image,
 * scaled down to 320 px wide (never up). ffmpeg does both; false when it is
 * missing or cannot decode the file (fonts, subtitles, SVG without librsvg).
 */
export async function makeThumbnail(source: string, target: string, kind: 'video' | 'image', durationSec: number | null): Promise<boolean> {
  await mkdir(join(target, '..'), { recursive: true });
  const tmp = `${target}.tmp.jpg`;
  const at = kind === 'video' ? Math.min(1, (durationSec ?? 0) * 0.1) : 0;
  const args = [
    '-hide_banner', '-loglevel', 'error', '-y',
    ...(at > 0 ? ['-ss', at.toFixed(3)] : []),
    '-i', source,
    '-frames:v', '1',
    '-vf', `scale='min(${THUMB_WIDTH},iw)':'min(${THUMB_WIDTH * 2},ih)':force_original_aspect_ratio=decrease:force_divisible_by=2`,
    '-q:v', '4',
    '-f', 'image2', '-c:v', 'mjpeg',
    tmp,
  ];
  // At low CPU priority where `nice` exists: a thumbnail can wait, screens' reports and uploads cannot.
  const [command, argv] = NICE ? ['nice', ['-n', '10', 'ffmpeg', ...args]] : ['ffmpeg', args];
  const ok = await new Promise<boolean>((resolve) => execFile(command, argv, { timeout: 30_000 }, (error) => resolve(!error)));
  if (ok && ((await stat(tmp).catch(() => undefined))?.size ?? 0) > 0) {
    await rename(tmp, target);
    return true;
  }
  await rm(tmp, { force: true });
  return false;
}

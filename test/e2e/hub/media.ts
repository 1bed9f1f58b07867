import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real video made by ffmpeg (H.264 plays on screens; MPEG-4 Part 2 does not). */
export function makeVideo(codec: 'libx264' | 'mpeg4', seconds = 1, size = '320x240'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'pano-media-'));
  const out = join(dir, `clip-${codec}.mp4`);
  const pix = codec === 'libx264' ? ['-pix_fmt', 'yuv420p'] : [];
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=duration=${seconds}:size=${size}:rate=25`, '-c:v', codec, ...pix, out]);
  try {
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Real media for the kiosk test playlist, made with ffmpeg (images, a short silent WebM) and WebVTT text. */
const FILES: Record<string, string[] | string> = {
  'mangrove.jpg': ['-f', 'lavfi', '-i', 'gradients=s=1280x720:c0=0x1d634d:c1=0x0b3d2e:seed=1', '-frames:v', '1'],
  'crab.jpg': ['-f', 'lavfi', '-i', 'gradients=s=1280x720:c0=0xc62828:c1=0xffb74d:seed=2', '-frames:v', '1'],
  'honey.jpg': ['-f', 'lavfi', '-i', 'gradients=s=1280x720:c0=0xffd54f:c1=0x8d6e00:seed=3', '-frames:v', '1'],
  'map.png': ['-f', 'lavfi', '-i', 'color=c=0x6fa58a:s=1600x1000', '-frames:v', '1'],
  'cape.webm': ['-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=25:d=2', '-c:v', 'libvpx', '-b:v', '300k', '-an'],
  'cape.vi.vtt': 'WEBVTT\n\n00:00.000 --> 00:02.000\nMũi Cà Mau, nơi đất liền gặp biển\n',
  'cape.en.vtt': 'WEBVTT\n\n00:00.000 --> 00:02.000\nCape Cà Mau, where land meets the sea\n',
};

export interface MediaFile {
  path: string;
  sha256: string;
  size: number;
}

/** Writes every file into `dir` (once) and returns name → file with its hash. */
export function makeMedia(dir: string): Record<string, MediaFile> {
  mkdirSync(dir, { recursive: true });
  const out: Record<string, MediaFile> = {};
  for (const [name, recipe] of Object.entries(FILES)) {
    const path = join(dir, name);
    if (typeof recipe === 'string') writeFileSync(path, recipe);
    else execFileSync('ffmpeg', ['-y', '-loglevel', 'error', ...recipe, path]);
    const bytes = readFileSync(path);
    out[name] = { path, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
  }
  return out;
}

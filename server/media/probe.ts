import { execFile } from 'node:child_process';
import { parseJsonText } from '../../playlists/parse.ts';

export interface Probe {
  durationSec?: number;
  width?: number;
  height?: number;
  codec?: string;
}

/** Codecs Chromium plays on every signage PC we target (no proprietary HEVC/ProRes). */
const PLAYABLE_VIDEO = new Set(['h264', 'vp8', 'vp9', 'av1']);
const PLAYABLE_AUDIO = new Set(['aac', 'mp3', 'opus', 'vorbis']);

/** ffprobe when installed; undefined when it is missing or the file is not media it understands. */
export function ffprobe(path: string): Promise<(Probe & { audio?: string }) | undefined> {
  return new Promise((resolve) => {
    execFile('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', path], { timeout: 20_000, maxBuffer: 4 << 20 }, (error, stdout) => {
      if (error) return resolve(undefined);
      try {
        const data = parseJsonText(stdout, 'ffprobe output') as { streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number }[]; format?: { duration?: string } };
        const video = data.streams?.find((s) => s.codec_type === 'video');
        const audio = data.streams?.find((s) => s.codec_type === 'audio');
        const duration = Number(data.format?.duration);
        resolve({
          ...(Number.isFinite(duration) && duration > 0 ? { durationSec: Math.round(duration * 1000) / 1000 } : {}),
          ...(video?.width ? { width: video.width, height: video.height! } : {}),
          ...(video?.codec_name ? { codec: video.codec_name } : {}),
          ...(audio?.codec_name ? { audio: audio.codec_name } : {}),
        });
      } catch {
        resolve(undefined);
      }
    });
  });
}

/** A warning for the operator when screens are unlikely to play the file. */
export function playabilityWarning(type: string, probe: (Probe & { audio?: string }) | undefined): string | null {
  if (!type.startsWith('video/')) return null;
  if (!probe) return 'could not probe this video (ffprobe missing or file unreadable): check it plays on a screen';
  if (probe.codec && !PLAYABLE_VIDEO.has(probe.codec)) return `video codec ${probe.codec} does not play in Chromium on screens; re-encode to H.264 or VP9`;
  if (probe.audio && !PLAYABLE_AUDIO.has(probe.audio)) return `audio codec ${probe.audio} does not play in Chromium; re-encode to AAC or Opus`;
  if ((probe.width ?? 0) > 3840 || (probe.height ?? 0) > 2160) return `resolution ${probe.width}×${probe.height} exceeds 4K; small screen PCs may stutter`;
  return null;
}

/**
 * The demo channel's media, made on this machine with ffmpeg (nothing is
 * downloaded): short promotional clips on the themes of the Cà Mau plans,
 * pictures with titles, and subtitles.
 * Idempotent: a file that exists is kept, so a second `npm start` is instant.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KIOSK_MAP, KIOSK_SCENES, mapArgs, sceneArgs, type SceneSpec } from './kiosk-media.ts';

export interface ClipSpec {
  file: string;
  title: string;
  subtitle: string;
  seconds: number;
  /** Two colours for the moving gradient. */
  colors: [string, string];
}

export const DEMO_CLIPS: ClipSpec[] = [
  { file: 'tourism-mui-ca-mau.mp4', title: 'Mũi Cà Mau', subtitle: 'Cape Cà Mau — where Vietnam begins', seconds: 12, colors: ['0x0b3d2e', '0x2e8b57'] },
  { file: 'cuisine-nam-can-crab.webm', title: 'Cua Năm Căn', subtitle: 'Năm Căn crab — a taste of the cape', seconds: 8, colors: ['0x8b2e16', '0xe07b39'] },
  { file: 'investment-ca-mau.mp4', title: 'Đầu tư vào Cà Mau', subtitle: 'Invest in Cà Mau: energy, seafood, logistics', seconds: 10, colors: ['0x0d2b52', '0x1f6fb2'] },
  { file: 'reform-dich-vu-cong.mp4', title: 'Cải cách hành chính', subtitle: 'File online: dichvucong.camau.gov.vn', seconds: 8, colors: ['0x3b1f5c', '0x7a4fb0'] },
];

export const DEMO_IMAGES: ClipSpec[] = [
  { file: 'mangrove-forest.jpg', title: 'Rừng ngập mặn Mũi Cà Mau', subtitle: 'Ramsar site · UNESCO biosphere reserve', seconds: 0, colors: ['0x0b3d2e', '0x6fbf73'] },
  { file: 'u-minh-ha-honey.jpg', title: 'Mật ong U Minh Hạ', subtitle: 'OCOP ★★★★ · melaleuca forest honey', seconds: 0, colors: ['0x7a4a00', '0xffc107'] },
  { file: 'map-ca-mau.png', title: 'Bản đồ Cà Mau', subtitle: 'Map of Cà Mau province', seconds: 0, colors: ['0x123d5a', '0x4aa3c7'] },
];

const SUBTITLES: Record<string, string> = {
  'dat-va-nguoi-ep1.en.vtt': vtt(['Cà Mau — Land and People', 'Where the river meets the sea', 'Mangroves protect the coast']),
  'dat-va-nguoi-ep1.vi.vtt': vtt(['Cà Mau — Đất và người', 'Nơi sông gặp biển', 'Rừng đước che chở bờ biển']),
};

function vtt(lines: string[]): string {
  const cue = (i: number, text: string) => `${i + 1}\n00:00:${String(i * 4).padStart(2, '0')}.000 --> 00:00:${String(i * 4 + 3).padStart(2, '0')}.500\n${text}\n`;
  return `WEBVTT\n\n${lines.map((l, i) => cue(i, l)).join('\n')}`;
}

const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
];

function font(): string | undefined {
  return FONT_CANDIDATES.find((f) => existsSync(f));
}

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new Error(`ffmpeg could not start (${e.message}); install it: apt-get install ffmpeg`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg failed (${code}): ${err.slice(-500)}`))));
  });
}

/** drawtext filters for a title and subtitle, read from files so no text needs escaping. */
async function titleFilters(dir: string, spec: ClipSpec, w: number): Promise<string> {
  const f = font();
  if (!f) return 'null';
  const t = join(dir, `.${spec.file}.title.txt`);
  const s = join(dir, `.${spec.file}.subtitle.txt`);
  await writeFile(t, spec.title);
  await writeFile(s, spec.subtitle);
  const big = Math.round(w / 14);
  const small = Math.round(w / 34);
  return [
    `drawtext=fontfile=${f}:textfile=${t}:fontsize=${big}:fontcolor=white:borderw=4:bordercolor=black@0.5:x=(w-text_w)/2:y=h*0.38`,
    `drawtext=fontfile=${f}:textfile=${s}:fontsize=${small}:fontcolor=white:borderw=3:bordercolor=black@0.5:x=(w-text_w)/2:y=h*0.58`,
    `drawtext=fontfile=${f}:text=PANO DEMO:fontsize=${Math.round(w / 60)}:fontcolor=white@0.7:x=w*0.03:y=h*0.05`,
  ].join(',');
}

async function makeClip(dir: string, spec: ClipSpec): Promise<void> {
  const [w, h] = [1280, 720];
  const out = join(dir, spec.file);
  const tmp = join(dir, `.tmp-${spec.file}`);
  const src = `gradients=s=${w}x${h}:c0=${spec.colors[0]}:c1=${spec.colors[1]}:speed=0.02:r=25:d=${spec.seconds}`;
  const vf = `${await titleFilters(dir, spec, w)},format=yuv420p`;
  const codec = spec.file.endsWith('.webm')
    ? ['-c:v', 'libvpx-vp9', '-b:v', '600k', '-deadline', 'realtime', '-cpu-used', '8', '-f', 'webm']
    : ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-movflags', '+faststart', '-f', 'mp4'];
  await run(['-f', 'lavfi', '-i', src, '-vf', vf, '-an', ...codec, tmp]);
  await rename(tmp, out);
}

async function makeImage(dir: string, spec: ClipSpec): Promise<void> {
  const [w, h] = [1600, 900];
  const out = join(dir, spec.file);
  const tmp = join(dir, `.tmp-${spec.file}`);
  const src = `gradients=s=${w}x${h}:c0=${spec.colors[0]}:c1=${spec.colors[1]}:d=1`;
  const fmt = spec.file.endsWith('.png') ? 'image2' : 'mjpeg';
  await run(['-f', 'lavfi', '-i', src, '-vf', await titleFilters(dir, spec, w), '-frames:v', '1', '-f', fmt, tmp]);
  await rename(tmp, out);
}

async function makeScene(dir: string, spec: SceneSpec): Promise<void> {
  const titleFile = `.${spec.file}.title.txt`;
  await writeFile(join(dir, titleFile), spec.title);
  const { source, filter } = sceneArgs(dir, spec, font(), titleFile);
  const tmp = join(dir, `.tmp-${spec.file}`);
  await run(['-f', 'lavfi', '-i', source, '-vf', filter, '-frames:v', '1', '-q:v', '3', '-f', 'mjpeg', tmp]);
  await rename(tmp, join(dir, spec.file));
}

async function makeMap(dir: string): Promise<void> {
  const { source, filter } = mapArgs(font(), { gulf: ['Vịnh Thái Lan', 'Gulf of Thailand'], sea: 'Biển Đông · East Sea' });
  const tmp = join(dir, `.tmp-${KIOSK_MAP}`);
  await run(['-f', 'lavfi', '-i', source, '-vf', filter, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', tmp]);
  await rename(tmp, join(dir, KIOSK_MAP));
}

/** Make every demo file missing from `dir`; returns the folder. */
export async function ensureDemoMedia(dir: string, log: (line: string) => void = () => {}): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const clip of DEMO_CLIPS) {
    if (existsSync(join(dir, clip.file))) continue;
    log(`making ${clip.file}`);
    await makeClip(dir, clip);
  }
  for (const image of DEMO_IMAGES) {
    if (existsSync(join(dir, image.file))) continue;
    log(`making ${image.file}`);
    await makeImage(dir, image);
  }
  for (const scene of KIOSK_SCENES) {
    if (existsSync(join(dir, scene.file))) continue;
    log(`making ${scene.file}`);
    await makeScene(dir, scene);
  }
  if (!existsSync(join(dir, KIOSK_MAP))) {
    log(`making ${KIOSK_MAP}`);
    await makeMap(dir);
  }
  for (const [file, text] of Object.entries(SUBTITLES)) {
    if (!existsSync(join(dir, file))) await writeFile(join(dir, file), text);
  }
  for (const f of await readdir(dir)) if (f.startsWith('.') && f.endsWith('.txt')) await rm(join(dir, f));
  return dir;
}

/**
 * Pictures for the demo kiosk, drawn by ffmpeg on this machine (no photos, so
 * nothing copyrighted): flat "illustrations" — a sky gradient, a sun, two
 * rows of hills or waves — with the subject's name, and a stylised map of the
 * Cà Mau peninsula for the points of interest.
 */
import { join } from 'node:path';

export interface SceneSpec {
  file: string;
  /** Drawn on the picture; the kiosk's captions carry the translations. */
  title: string;
  /** Sky gradient, top-left → bottom-right. */
  sky: [string, string];
  /** Sun (or moon) position as fractions of the frame. */
  sun: [number, number];
  /** Hills or waves: how much each band darkens the sky (0–1). */
  bands: [number, number];
  /** A banner has no title: the home menu puts its own over it. */
  banner?: boolean;
}

export const KIOSK_SCENES: SceneSpec[] = [
  { file: 'kiosk-banner.jpg', title: '', sky: ['0x0b3d2e', '0x2e8b57'], sun: [0.82, 0.35], bands: [0.55, 0.35], banner: true },
  { file: 'kiosk-cape.jpg', title: 'Mũi Cà Mau', sky: ['0x12507a', '0x7cc4d8'], sun: [0.75, 0.28], bands: [0.6, 0.4] },
  { file: 'kiosk-mangrove.jpg', title: 'Rừng ngập mặn', sky: ['0x0b3d2e', '0x5fa86b'], sun: [0.22, 0.26], bands: [0.55, 0.35] },
  { file: 'kiosk-u-minh.jpg', title: 'Rừng U Minh Hạ', sky: ['0x1d3b1a', '0x7aa34a'], sun: [0.7, 0.22], bands: [0.5, 0.3] },
  { file: 'kiosk-crab.jpg', title: 'Cua Năm Căn', sky: ['0x7a2613', '0xe0894a'], sun: [0.25, 0.3], bands: [0.6, 0.4] },
  { file: 'kiosk-ocop.jpg', title: 'Sản phẩm OCOP', sky: ['0x6b3f00', '0xf0b429'], sun: [0.8, 0.25], bands: [0.6, 0.42] },
  { file: 'kiosk-investment.jpg', title: 'Điện gió & cảng biển', sky: ['0x0d2b52', '0x3f88c5'], sun: [0.2, 0.25], bands: [0.6, 0.4] },
  { file: 'kiosk-festival.jpg', title: 'Lễ hội Đất Mũi', sky: ['0x3b1f5c', '0xc0527a'], sun: [0.5, 0.3], bands: [0.55, 0.35] },
  { file: 'kiosk-asean.jpg', title: 'Góc ASEAN', sky: ['0x0a2a66', '0x2f6fd0'], sun: [0.5, 0.26], bands: [0.6, 0.4] },
];

export const KIOSK_MAP = 'kiosk-map.png';

/** Multiplies every channel by `factor` below a sine wave at height `base` (fractions of H). */
function band(base: number, amplitude: number, waves: number, phase: number, factor: number): string {
  return `if(gt(Y,H*${base}+H*${amplitude}*sin(X/W*6.283*${waves}+${phase})),${factor},1)`;
}

/** geq expressions for one channel: sky, sun disc blended towards `sunValue`, then the two bands. */
function sceneChannel(ch: 'r' | 'g' | 'b', spec: SceneSpec, sunValue: number): string {
  const [sx, sy] = spec.sun;
  const inSun = `lt(hypot(X-W*${sx},Y-H*${sy}),H*0.09)`;
  const sky = `if(${inSun},${sunValue},${ch}(X,Y))`;
  return `${sky}*${band(0.68, 0.035, 1.5, 0, spec.bands[0])}*${band(0.8, 0.02, 3, 1, spec.bands[1])}`;
}

/** The ffmpeg source and filter chain for one scene (fontFile: a bold Latin font with Vietnamese). */
export function sceneArgs(dir: string, spec: SceneSpec, fontFile: string | undefined, titleFile: string): { source: string; filter: string; size: [number, number] } {
  const size: [number, number] = spec.banner ? [1920, 540] : [1600, 900];
  const source = `gradients=s=${size[0]}x${size[1]}:c0=${spec.sky[0]}:c1=${spec.sky[1]}:x0=0:y0=0:x1=${size[0]}:y1=${size[1]}:seed=7:d=1`;
  const geq = `geq=r='${sceneChannel('r', spec, 255)}':g='${sceneChannel('g', spec, 236)}':b='${sceneChannel('b', spec, 170)}'`;
  const parts = ['format=gbrp', geq];
  if (fontFile && !spec.banner) {
    parts.push(
      `drawtext=fontfile=${fontFile}:textfile=${join(dir, titleFile)}:fontsize=${Math.round(size[0] / 16)}:fontcolor=white:shadowx=3:shadowy=3:shadowcolor=black@0.35:x=(w-text_w)/2:y=h*0.42`,
      `drawtext=fontfile=${fontFile}:text=PANO DEMO:fontsize=${Math.round(size[0] / 70)}:fontcolor=white@0.7:x=w*0.03:y=h*0.05`,
    );
  }
  parts.push('format=yuv420p');
  return { source, filter: parts.join(','), size };
}

/**
 * The peninsula as a triangle, north at the top: the Gulf of Thailand to the
 * west, the East Sea to the east, the cape at the south-west tip, and Hòn
 * Khoai island off the coast. The kiosk numbers its pins on top.
 */
export function mapArgs(fontFile: string | undefined, labels: { gulf: [string, string]; sea: string }): { source: string; filter: string } {
  const u = 'X/W';
  const v = 'Y/H';
  const wobble = `0.008*sin(${v}*47)`;
  const land = `lt(${v},0.9)*gt(${u},0.25-0.1889*${v}+${wobble})*lt(${u},0.95-0.9667*${v}+${wobble})`;
  const island = `lt(hypot(X-W*0.3,Y-H*0.9),H*0.025)`;
  const isLand = `gt(${land}+${island},0)`;
  const channel = (landValue: string, seaValue: string) => `if(${isLand},${landValue},${seaValue})`;
  const geq = [
    `r='${channel('46+7*sin(X/37)*sin(Y/29)', '18+10*Y/H')}'`,
    `g='${channel('125+5*sin(X/37)*sin(Y/29)', '78+30*Y/H')}'`,
    `b='${channel('80', '128+40*Y/H')}'`,
  ].join(':');
  const parts = ['format=gbrp', `geq=${geq}`];
  if (fontFile) {
    const label = (text: string, x: string, y: string) =>
      `drawtext=fontfile=${fontFile}:text='${text}':fontsize=30:fontcolor=white@0.75:x=${x}:y=${y}`;
    // The gulf's name in two short lines, in the open water north-west of the coast.
    parts.push(
      label(labels.gulf[0], 'w*0.02', 'h*0.06'),
      label(labels.gulf[1], 'w*0.02', 'h*0.11'),
      label(labels.sea, 'w*0.62', 'h*0.62'),
      label('N', 'w*0.95', 'h*0.04'),
    );
  }
  return { source: 'color=c=black:s=1600x900:d=1', filter: parts.join(',') };
}

import { execFile } from 'node:child_process';
import type { WindowRect } from './flags.ts';

/**
 * Monitor rectangles from `xrandr --listmonitors` output, in its order
 * (primary first is not guaranteed: the order is the X server's).
 *   " 0: +*HDMI-1 1920/527x1080/296+0+0  HDMI-1"
 */
export function parseXrandrMonitors(output: string): WindowRect[] {
  const rects: WindowRect[] = [];
  for (const line of output.split('\n')) {
    const match = /^\s*\d+:\s+\S+\s+(\d+)\/\d+x(\d+)\/\d+\+(-?\d+)\+(-?\d+)/.exec(line);
    if (!match) continue;
    const [, width, height, x, y] = match.map(Number) as [number, number, number, number, number];
    rects.push({ x, y, width, height });
  }
  return rects;
}

/** Monitors of the X display in `env`, or [] where xrandr is missing or not X11 (Wayland, Windows). */
export function listMonitors(env: NodeJS.ProcessEnv): Promise<WindowRect[]> {
  if (process.platform !== 'linux' || !env.DISPLAY) return Promise.resolve([]);
  return new Promise((resolve) => {
    execFile('xrandr', ['--listmonitors'], { env, timeout: 5_000 }, (error, stdout) => {
      resolve(error ? [] : parseXrandrMonitors(stdout));
    });
  });
}

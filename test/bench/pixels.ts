/**
 * Black frames at boundaries, counted on the glass: the bench page in a
 * kiosk Chromium window on Xvfb, the X screen grabbed at 60 fps
 * (test/fixtures/screen-frames.ts). The engine's cuts and fades between two
 * distinct HD clips, against two naive players in the same run. The DOM
 * count (bench page) stays beside it as a second opinion.
 */
import { blankInside, kioskOnXvfb, SCREEN } from '../fixtures/kiosk-screen.ts';
import { grabScreen } from '../fixtures/screen-frames.ts';
import type { BenchResult } from './harness.ts';
import type { BenchItem, Boundary } from './renderer-page/main.ts';

const AREA = 'renderer';

async function grabbed<T>(display: string, run: () => Promise<T>): Promise<{ result: T; pixels: ReturnType<typeof blankInside>; frames: number }> {
  const grab = grabScreen(display, SCREEN);
  await grab.started;
  const result = await run();
  const summary = await grab.stop();
  return { result, pixels: blankInside(summary), frames: summary.frames };
}

export async function pixelBoundaries(baseUrl: string, count: number): Promise<BenchResult[]> {
  const kiosk = await kioskOnXvfb();
  try {
    const { page } = kiosk;
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction(() => 'bench' in window);
    const clip = (name: string, fadeMs?: number): BenchItem => ({ kind: 'video', src: `${baseUrl}/media/${name}`, ...(fadeMs ? { fadeMs } : {}) });
    const cuts = [clip('hd-a.mp4'), clip('hd-b.mp4')];
    const fades = [clip('hd-a.mp4', 500), clip('hd-b.mp4', 500)];
    const engine = (items: BenchItem[]) => grabbed(kiosk.display, () => page.evaluate(([i, c]) => window.bench.engine(i, c), [items, count] as const));
    const domBlack = (b: Boundary[]) => b.reduce((n, x) => n + x.black, 0);
    const engineCuts = await engine(cuts);
    const engineFades = await engine(fades);
    const naiveSwap = await grabbed(kiosk.display, () => page.evaluate(([i, c]) => window.bench.naive(i, c), [cuts, count] as const));
    const naiveReplace = await grabbed(kiosk.display, () => page.evaluate(([i, c]) => window.bench.naiveReplace(i, c), [cuts, count] as const));
    type Run = { pixels: ReturnType<typeof blankInside>; frames: number };
    const line = (name: string, r: Run, baseline: Run, baselineName: string): BenchResult => ({
      area: AREA,
      name: `${name}: blank frames on the X screen at ${count} boundaries (60 fps grab, ${r.frames} frames; ${r.pixels.runs} runs, longest ${r.pixels.longest})`,
      value: r.pixels.blank,
      unit: 'frames',
      baseline: { name: `${baselineName} (${baseline.pixels.runs} runs, longest ${baseline.pixels.longest})`, value: baseline.pixels.blank },
      target: '0',
      pass: r.pixels.blank === 0,
    });
    return [
      line('video→video cuts', engineCuts, naiveSwap, 'naive <video> src swap'),
      line('video→video cuts', engineCuts, naiveReplace, 'naive new <video> per clip'),
      line('video→video fades (500 ms)', engineFades, naiveSwap, 'naive <video> src swap (no fade)'),
      { area: AREA, name: `video→video cuts: black ticks counted in the DOM (second opinion, n=${count})`, value: domBlack(engineCuts.result), unit: 'ticks', baseline: { name: 'naive <video> src swap', value: domBlack(naiveSwap.result) } },
      { area: AREA, name: `video→video fades: black ticks counted in the DOM (second opinion, n=${count})`, value: domBlack(engineFades.result), unit: 'ticks' },
    ];
  } finally {
    await kiosk.stop();
  }
}

/**
 * No black on the glass at cuts and fades: the real player (core, signed
 * playlist, renderer bundle) in a kiosk Chromium on Xvfb, the X screen
 * grabbed at 60 fps while distinct HD clips follow each other. Every frame
 * between the first picture and the last must show a picture; the DOM-based
 * count is the bench's second opinion (npm run bench -- renderer).
 */
import { expect, test } from '@playwright/test';
import { blankInside, kioskOnXvfb, SCREEN } from '../../fixtures/kiosk-screen.ts';
import { grabScreen, thumbnailPng } from '../../fixtures/screen-frames.ts';
import { startPlayer, type Player } from './player.ts';

let player: Player;
let kiosk: Awaited<ReturnType<typeof kioskOnXvfb>> | undefined;
test.afterEach(async () => {
  await kiosk?.stop();
  await player?.stop();
});

const BOUNDARIES = 12;

test(`${BOUNDARIES} cuts and fades between distinct clips show no black or blank frame on the X screen`, async ({ browserName: _ }, info) => {
  test.setTimeout(120_000);
  const clip = (asset: string, fade: boolean) => ({ kind: 'video', asset, transition: fade ? { type: 'fade', ms: 500 } : { type: 'cut', ms: 0 } });
  player = await startPlayer({
    playlist: {
      // hd-a → hd-b cut, hd-b → hd-a cut, then the same with fades.
      items: { a: clip('hd-a', false), b: clip('hd-b', false), c: clip('hd-a', true), d: clip('hd-b', true) },
      sequences: { loop: { items: ['a', 'b', 'c', 'd'] } },
      schedule: { entries: [{ id: 'always', layout: 'full', content: { main: 'loop' } }] },
    },
  });
  kiosk = await kioskOnXvfb();
  await kiosk.page.goto(player.url());
  await expect.poll(() => player.records.length, { timeout: 20_000 }).toBeGreaterThan(0);
  const grab = grabScreen(kiosk.display, SCREEN);
  await grab.started;
  const from = player.records.length;
  await expect.poll(() => player.records.length, { timeout: 90_000 }).toBeGreaterThanOrEqual(from + BOUNDARIES + 1);
  const summary = await grab.stop();
  const inside = blankInside(summary);
  const first = summary.blankRuns[0] && summary.stats.find((f) => f.t === summary.blankRuns[0]!.t);
  const png = first && (await thumbnailPng(first));
  if (png) await info.attach('first blank frame', { body: png, contentType: 'image/png' });
  expect(summary.frames).toBeGreaterThan(BOUNDARIES * 2 * 40); // ~60 fps over ≥ 2 s per clip
  expect(inside, `blank runs at ${JSON.stringify(summary.blankRuns)}`).toEqual({ blank: 0, runs: 0, longest: 0 });
  expect(player.records.slice(from).every((r) => r.outcome === 'completed')).toBe(true);
});

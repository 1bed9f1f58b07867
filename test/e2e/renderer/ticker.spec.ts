import { expect, test, type Page } from '@playwright/test';
import { startPlayer, type Player } from './player.ts';
import { slide } from './playlists.ts';

let player: Player;
test.afterEach(async () => player?.stop());

const MESSAGES = [
  { vi: 'Chào mừng quý khách đến với Cà Mau', en: 'Welcome to Cà Mau' },
  { vi: 'Chuyến bay VN1234 đang lên máy bay', en: 'Flight VN1234 now boarding' },
];

async function tickerPlayer(languages: Record<string, unknown>, speed = 120) {
  return startPlayer({
    playlist: {
      items: { hello: slide('Cà Mau', 600), news: { kind: 'ticker', messages: MESSAGES, speed, languages } },
      sequences: { loop: { items: ['hello'] }, ticker: { items: ['news'] } },
      schedule: { entries: [{ id: 'split', layout: 'split', content: { main: 'loop', ticker: 'ticker' } }] },
    },
  });
}

/** The language of the ticker text at the left edge of the ticker zone, where a reader starts. */
const languageAtLeftEdge = (page: Page) =>
  page.evaluate(() => {
    const zone = document.querySelector('.zone-ticker')!.getBoundingClientRect();
    const hit = document.elementsFromPoint(zone.left + 4, zone.top + zone.height / 2).find((e) => e.classList.contains('ticker-segment'));
    return hit?.getAttribute('lang') ?? null;
  });

test('ticker both: every message in Vietnamese then English, one after the other', async ({ page }) => {
  player = await tickerPlayer({ show: 'both', languages: ['vi', 'en'] });
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto(player.url());
  const first = page.locator('.ticker-copy').first().locator('.ticker-segment');
  await expect(first).toHaveCount(4);
  expect(await first.evaluateAll((els) => els.map((e) => [e.getAttribute('lang'), e.textContent]))).toEqual([
    ['vi', `${MESSAGES[0]!.vi} • `],
    ['en', `${MESSAGES[0]!.en} • `],
    ['vi', `${MESSAGES[1]!.vi} • `],
    ['en', `${MESSAGES[1]!.en} • `],
  ]);
  await expect(page.locator('.zone-ticker')).toBeInViewport();
});

test('ticker rotate: one language per pass, Vietnamese then English then Vietnamese again', async ({ page }) => {
  // Fast, so a pass (both messages in one language, ≈ 1,500 px) takes about 2 s at 540p.
  player = await tickerPlayer({ show: 'rotate', languages: ['vi', 'en'] }, 1_000);
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto(player.url());
  await expect(page.locator('.ticker-copy').first().locator('.ticker-segment')).toHaveCount(4);
  await expect.poll(() => languageAtLeftEdge(page)).toBe('vi');
  await expect.poll(() => languageAtLeftEdge(page), { timeout: 8_000, intervals: [50] }).toBe('en');
  await expect.poll(() => languageAtLeftEdge(page), { timeout: 8_000, intervals: [50] }).toBe('vi');
});

test('the ticker never stutters: one endless animation, moving every frame at its speed across passes', async ({ page }) => {
  player = await tickerPlayer({ show: 'rotate', languages: ['vi', 'en'] }, 1_000);
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto(player.url());
  await expect(page.locator('.ticker-copy').first().locator('.ticker-segment')).toHaveCount(4);
  // Let the first layout settle (copies counted, fonts in), then follow the strip frame by frame
  // for long enough to cross several pass boundaries (where a restarted animation would hold still).
  const sample = await page.evaluate(async () => {
    const strip = document.querySelector<HTMLElement>('.ticker-strip')!;
    const copy = document.querySelector<HTMLElement>('.ticker-copy')!;
    await document.fonts.ready;
    const anims = () => strip.getAnimations();
    const first = anims()[0]!;
    const frames: { t: number; x: number }[] = [];
    await new Promise<void>((done) => {
      const tick = () => {
        frames.push({ t: document.timeline.currentTime as number, x: new DOMMatrix(getComputedStyle(strip).transform).m41 });
        if (frames.length < 400) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    const passWidth = copy.getBoundingClientRect().width / 2; // two passes (vi, en) per copy
    return { frames, copyWidth: copy.getBoundingClientRect().width, passWidth, sameAnimation: anims().length === 1 && anims()[0] === first, iterations: first.effect!.getTiming().iterations };
  });
  const pxPerMs = (1_000 * (540 / 1080)) / 1000;
  const { frames, copyWidth } = sample;
  const elapsed = frames.at(-1)!.t - frames[0]!.t;
  expect(elapsed * pxPerMs).toBeGreaterThan(2.5 * sample.passWidth); // crossed at least two pass boundaries
  for (let i = 1; i < frames.length; i++) {
    const dt = frames[i]!.t - frames[i - 1]!.t;
    // Distance moved this frame, across the wrap from -copyWidth back to 0.
    const moved = (((frames[i - 1]!.x - frames[i]!.x) % copyWidth) + copyWidth) % copyWidth;
    expect(Math.abs(moved - dt * pxPerMs), `frame ${i}: moved ${moved.toFixed(2)} px in ${dt.toFixed(1)} ms`).toBeLessThan(1.5);
  }
  // …because nothing restarts it: the same endless animation from first frame to last.
  expect(sample.sameAnimation).toBe(true);
  expect(sample.iterations).toBe(Infinity);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ensureMediaFixtures } from '../../fixtures/make-media.ts';
import { startPlayer, type Player } from './player.ts';
import { assets } from './playlists.ts';

/**
 * Readable across a hall: every slide template, in every language, in the
 * standard layouts of both orientations, has no text smaller than 1/36 of its
 * zone's height and no text outside the slide. One player with a landscape
 * and a portrait display plays every (template, language pair) once; a script
 * in each page measures every slide as it is laid out (prepared or on screen).
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
type Texts = Record<string, string>;
interface DemoKiosk {
  home: { title: Texts; subtitle: Texts; sections: { id: string; title: Texts; description: Texts }[] };
  pages: Record<string, { blocks: { kind: string; caption?: Texts; images?: { caption: Texts }[]; points?: { id: string; title: Texts; text: Texts }[] }[] }>;
}
// Real texts of every length, in all 13 languages: the demo kiosk's translations.
const kiosk = (JSON.parse(readFileSync(join(ROOT, 'cli', 'demo', 'ca-mau-demo.draft.json'), 'utf8')) as { kiosk: DemoKiosk }).kiosk;
const section = (id: string) => kiosk.home.sections.find((s) => s.id === id)!;
const blocks = Object.values(kiosk.pages).flatMap((p) => p.blocks);
const point = (id: string) => blocks.flatMap((b) => b.points ?? []).find((p) => p.id === id)!;
const captions = blocks.flatMap((b) => [b.caption, ...(b.images ?? []).map((i) => i.caption)]).filter((c): c is Texts => c !== undefined);
const caption = (en: string) => captions.find((c) => c.en === en)!;

/** Every language of the kiosk once, two at a time (`both`: the most text a slide shows). */
const PAIRS = [['vi', 'en'], ['fr', 'zh'], ['ja', 'ko'], ['th', 'id'], ['ms', 'km'], ['lo', 'my'], ['fil', 'vi']] as const;
const cut = { type: 'cut', ms: 0 };

function templates(): Record<string, Record<string, unknown>> {
  return {
    headline: { template: 'headline', fields: { title: kiosk.home.title, subtitle: kiosk.home.subtitle, image: 'image-a' } },
    facts: {
      template: 'fact-card',
      fields: {
        title: section('specialties').title,
        facts: [
          { value: '254 km', label: point('cape').text },
          { value: '41.862 ha', label: section('explore').description },
          { value: '2009', label: section('events').description },
        ],
        source: caption('Cà Mau provincial portal'),
      },
    },
    product: {
      template: 'product-card',
      fields: { name: point('u-minh').title, image: 'image-tall', badge: 'OCOP ★★★★', origin: section('specialties').description, description: point('u-minh').text, price: '250.000 ₫' },
    },
    countdown: { template: 'event-countdown', fields: { title: caption("Land's End Festival, 20–21 December 2026"), eventAt: new Date(Date.now() + 40 * 86_400_000).toISOString(), place: point('cape').title, image: 'image-a' } },
    qr: { template: 'qr-cta', fields: { title: caption('Invest in Cà Mau'), url: 'https://dichvucong.camau.gov.vn/', text: section('investment').description, caption: caption('Online public services') } },
  };
}

function playlist(media: Awaited<ReturnType<typeof ensureMediaFixtures>>) {
  const items: Record<string, unknown> = {};
  for (const [name, t] of Object.entries(templates())) {
    for (const pair of PAIRS) items[`${name}-${pair.join('-')}`] = { kind: 'slide', duration: 1, transition: cut, languages: { show: 'both', languages: pair }, ...t };
  }
  items.emergency = {
    kind: 'slide',
    template: 'emergency',
    duration: 1,
    transition: cut,
    fields: {
      icon: 'storm',
      vi: { title: 'Bão số 9 đổ bộ vào Cà Mau', message: 'Các chuyến bay tạm dừng đến 18:00. Vui lòng ở trong nhà ga và làm theo hướng dẫn của nhân viên.' },
      en: { title: 'Typhoon No. 9 makes landfall in Cà Mau', message: 'Flights are suspended until 18:00. Please stay inside the terminal and follow the staff’s instructions.' },
    },
  };
  items.news = { kind: 'ticker', messages: [kiosk.home.subtitle], languages: { show: 'both', languages: ['vi', 'en'] } };
  return {
    assets: assets(media),
    layouts: {
      // The standard layouts of the demo channel: a ticker over the bottom of a full-screen main zone; portrait, a ticker below it.
      wide: { orientation: 'landscape', zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 1 }, ticker: { role: 'ticker', x: 0, y: 0.9, width: 1, height: 0.1 } } },
      tall: { orientation: 'portrait', zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 0.92 }, ticker: { role: 'ticker', x: 0, y: 0.92, width: 1, height: 0.08 } } },
    },
    items,
    sequences: { slides: { items: Object.keys(items).filter((id) => id !== 'news') }, ticker: { items: ['news'] } },
    schedule: { entries: [{ id: 'always', layout: { landscape: 'wide', portrait: 'tall' }, content: { main: 'slides', ticker: 'ticker' } }] },
  };
}

/** Installed before the player's own scripts: measures each slide once, when it is first laid out with its fonts and images. */
function measureSlides(): void {
  interface Measured { zoneHeight: number; smallest: number; smallestText: string; outside: string[]; ticker: boolean }
  const measured: Record<string, Measured> = {};
  (window as unknown as { measured: typeof measured }).measured = measured;
  const measure = async (slot: HTMLElement) => {
    const id = slot.dataset.item!;
    if (measured[id] || !slot.querySelector('.slide')) return;
    await document.fonts.ready;
    await Promise.all([...slot.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const slide = slot.querySelector('.slide');
    const zone = slot.closest('.zone');
    if (!slide || !zone || !slot.isConnected || measured[id]) return;
    const box = slide.getBoundingClientRect();
    const zoneHeight = zone.getBoundingClientRect().height;
    const ticker = document.querySelector('.zone-ticker')?.getBoundingClientRect();
    let smallest = Infinity;
    let smallestText = '';
    const outside: string[] = [];
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (!text || !node.parentElement) continue;
      const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
      if (size < smallest) [smallest, smallestText] = [size, text];
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width === 0) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) outside.push(`"${text.slice(0, 30)}" outside the slide`);
        // A ticker over the zone's bottom must not cover a text (the standard landscape layout).
        else if (ticker && r.bottom > ticker.top + 1 && r.right > ticker.left && r.left < ticker.right) outside.push(`"${text.slice(0, 30)}" under the ticker`);
      }
    }
    measured[id] = { zoneHeight, smallest, smallestText, outside, ticker: ticker !== undefined };
  };
  new MutationObserver((records) => {
    for (const r of records) {
      const el = r.target as HTMLElement;
      if (el.dataset?.item && (el.dataset.state === 'prepared' || el.dataset.state === 'current')) void measure(el);
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
}

interface Measured { zoneHeight: number; smallest: number; smallestText: string; outside: string[] }

async function measuredSlides(page: Page, count: number): Promise<Record<string, Measured>> {
  // A loop of 36 one-second slides: all are measured within about a loop.
  await expect.poll(() => page.evaluate(() => Object.keys((window as unknown as { measured: object }).measured ?? {}).length), { timeout: 150_000, intervals: [1_000] }).toBe(count);
  return page.evaluate(() => (window as unknown as { measured: Record<string, Measured> }).measured);
}

let player: Player;
test.afterEach(async () => player?.stop());

test('every slide template, every language, both orientations: smallest text ≥ 1/36 of the zone, nothing outside or under the ticker', async ({ browser }) => {
  test.setTimeout(240_000);
  const media = await ensureMediaFixtures();
  const body = playlist(media);
  player = await startPlayer({ displays: [{ id: 'wide', orientation: 'landscape' }, { id: 'tall', orientation: 'portrait' }], playlist: body });
  const count = (body.sequences.slides.items as string[]).length;
  const pages: Record<string, Page> = {};
  for (const [display, viewport] of [['wide', { width: 1920, height: 1080 }], ['tall', { width: 1080, height: 1920 }]] as const) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.addInitScript(measureSlides);
    await page.goto(player.url(display));
    pages[display] = page;
  }
  const problems: string[] = [];
  let smallestRatio = Infinity;
  for (const [display, page] of Object.entries(pages)) {
    const measured = await measuredSlides(page, count);
    for (const [id, m] of Object.entries(measured)) {
      const ratio = m.zoneHeight / m.smallest;
      smallestRatio = Math.min(smallestRatio, m.smallest / m.zoneHeight);
      if (ratio > 36) problems.push(`${display} ${id}: "${m.smallestText}" at ${m.smallest.toFixed(1)} px is 1/${ratio.toFixed(1)} of the zone's ${m.zoneHeight} px`);
      problems.push(...m.outside.map((o) => `${display} ${id}: ${o}`));
    }
  }
  console.log(`readability: ${count} slides × 2 orientations; smallest text = 1/${(1 / smallestRatio).toFixed(1)} of its zone's height; ${problems.length} problems`);
  expect(problems).toEqual([]);
});

test('the standard landscape layout shows a 16:9 clip without black bars, the ticker over its bottom', async ({ page }) => {
  const media = await ensureMediaFixtures();
  player = await startPlayer({
    playlist: {
      assets: assets(media),
      layouts: { wide: { orientation: 'landscape', zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 1 }, ticker: { role: 'ticker', x: 0, y: 0.9, width: 1, height: 0.1, background: '#0b3d2e' } } } },
      items: { clip: { kind: 'video', asset: 'long' }, news: { kind: 'ticker', messages: ['Chào mừng đến Cà Mau'] } },
      sequences: { main: { items: ['clip'] }, ticker: { items: ['news'] } },
      schedule: { entries: [{ id: 'always', layout: 'wide', content: { main: 'main', ticker: 'ticker' } }] },
    },
  });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(player.url());
  const video = page.locator('[data-state="current"][data-item="clip"] video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth > 0 && v.currentTime > 0.2), { timeout: 20_000 }).toBe(true);
  // The picture's box is the element's box: same aspect ratio, so `contain` leaves no bar.
  const geometry = await video.evaluate((v: HTMLVideoElement) => ({ box: v.getBoundingClientRect().toJSON() as DOMRect, video: [v.videoWidth, v.videoHeight] }));
  expect(geometry.box.width).toBe(1920);
  expect(geometry.box.height).toBe(1080);
  expect(geometry.box.width / geometry.box.height).toBeCloseTo(geometry.video[0]! / geometry.video[1]!, 2);
  // And on the pixels: the clip (testsrc2, never black) reaches both side edges above the ticker.
  const shot = await page.screenshot({ clip: { x: 0, y: 0, width: 1920, height: 972 } });
  const { PNG } = await import('pngjs');
  const png = PNG.sync.read(shot);
  const dark = (x: number) => {
    let n = 0;
    for (let y = 0; y < png.height; y += 4) {
      const i = (y * png.width + x) * 4;
      if (Math.max(png.data[i]!, png.data[i + 1]!, png.data[i + 2]!) < 16) n += 1;
    }
    return n / Math.ceil(png.height / 4);
  };
  expect(dark(2)).toBeLessThan(0.5);
  expect(dark(1917)).toBeLessThan(0.5);
  // The ticker is drawn over the clip's bottom tenth: its band (#0b3d2e) and its white text are on the screen.
  await expect(page.locator('.ticker')).toContainText('Chào mừng');
  await expect
    .poll(async () => {
      const band = PNG.sync.read(await page.screenshot({ clip: { x: 0, y: 972, width: 1920, height: 108 } }));
      let green = 0;
      let white = 0;
      for (let i = 0; i < band.data.length; i += 4) {
        const [r, g, b] = [band.data[i]!, band.data[i + 1]!, band.data[i + 2]!];
        if (Math.abs(r - 0x0b) < 8 && Math.abs(g - 0x3d) < 8 && Math.abs(b - 0x2e) < 8) green += 1;
        if (r > 230 && g > 230 && b > 230) white += 1;
      }
      return { green: green / (band.data.length / 4) > 0.3, white: white > 200 };
    }, { timeout: 10_000 })
    .toEqual({ green: true, white: true });
});

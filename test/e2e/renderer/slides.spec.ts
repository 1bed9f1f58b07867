import { expect, test, type Page } from '@playwright/test';
import { ensureMediaFixtures } from '../../fixtures/make-media.ts';
import { startPlayer, type Player } from './player.ts';
import { assets, always, LAYOUTS } from './playlists.ts';

let player: Player;
test.afterEach(async () => player?.stop());

const cut = { type: 'cut', ms: 0 };
const vi_en = (vi: string, en: string) => ({ vi, en });

/** The five templates, with Vietnamese and English texts. */
const ITEMS = {
  headline: { kind: 'slide', template: 'headline', duration: 1.5, transition: cut, languages: { show: 'rotate', languages: ['vi', 'en'] }, fields: { title: vi_en('Cà Mau — điểm đến 2026', 'Cà Mau — destination 2026'), subtitle: vi_en('Khu dự trữ sinh quyển thế giới', 'A UNESCO biosphere reserve'), image: 'image-a' } },
  facts: { kind: 'slide', template: 'fact-card', duration: 1.5, transition: cut, languages: { show: 'both', languages: ['vi', 'en'] }, fields: { title: vi_en('Cà Mau trong con số', 'Cà Mau in figures'), facts: [{ value: '254 km', label: vi_en('bờ biển', 'of coastline') }, { value: '41.862 ha', label: vi_en('Vườn quốc gia', 'National park') }, { value: '2009', label: vi_en('UNESCO', 'UNESCO') }] } },
  product: { kind: 'slide', template: 'product-card', duration: 1.5, transition: cut, fields: { name: vi_en('Mật ong U Minh Hạ', 'U Minh Hạ honey'), image: 'image-tall', badge: 'OCOP ★★★★', origin: vi_en('Rừng tràm U Minh Hạ', 'Melaleuca forest'), description: vi_en('Mật ong rừng tràm tự nhiên, đặc sản Cà Mau.', 'Wild melaleuca-forest honey.'), price: '250.000 ₫' } },
  countdown: { kind: 'slide', template: 'event-countdown', duration: 1.5, transition: cut, fields: { title: vi_en('Lễ hội Đất Mũi', "Land's End Festival"), eventAt: '2099-12-20T19:00:00+07:00', place: vi_en('Quảng trường Cà Mau', 'Cà Mau Square') } },
  qr: { kind: 'slide', template: 'qr-cta', duration: 1.5, transition: cut, fields: { title: vi_en('Khám phá Cà Mau', 'Discover Cà Mau'), url: 'https://camau.gov.vn/', text: vi_en('Quét mã để xem lịch trình', 'Scan for itineraries') } },
};

async function start(media: Awaited<ReturnType<typeof ensureMediaFixtures>>, orientation: 'landscape' | 'portrait') {
  return startPlayer({
    displays: [{ id: 'main', orientation }],
    playlist: { assets: assets(media), layouts: { ...LAYOUTS, full: { ...LAYOUTS.full, orientation } }, items: ITEMS, sequences: { loop: { items: Object.keys(ITEMS) } }, schedule: always('loop') },
  });
}

/** Waits for each template in turn and checks that nothing spills out of the screen. */
async function everyTemplateFits(page: Page) {
  for (const id of Object.keys(ITEMS)) {
    const slide = page.locator(`[data-state="current"][data-item="${id}"] .slide`);
    // The loop may have just passed this item: it comes back within one loop (5 × 1.5 s).
    await expect(slide).toBeVisible({ timeout: 10_000 });
    const spill = await slide.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const out = Array.from(el.querySelectorAll('.slide-body *')).filter((c) => {
        const r = c.getBoundingClientRect();
        return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1);
      });
      return out.map((c) => c.className);
    });
    expect(spill, `${id} spills out of the screen`).toEqual([]);
  }
}

test('the five templates fit a 1080p landscape screen; rotate and both pick languages', async ({ page }) => {
  const media = await ensureMediaFixtures();
  player = await start(media, 'landscape');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(player.url());
  const title = page.locator('[data-state="current"][data-item="headline"] .title .primary');
  await expect(title).toHaveText('Cà Mau — điểm đến 2026');
  const both = page.locator('[data-state="current"][data-item="facts"] .title span');
  await expect(both).toHaveText(['Cà Mau trong con số', 'Cà Mau in figures']);
  await everyTemplateFits(page);
  // The countdown names its units in the slide's language (Vietnamese here), not d/h/m/s.
  const units = page.locator('[data-item="countdown"] .countdown-part small');
  await expect(units.first()).toHaveText('ngày');
  await expect(units).toHaveText(['ngày', 'giờ', 'phút', 'giây']);
  // Second pass of the loop: rotate shows the next language.
  await expect(title).toHaveText('Cà Mau — destination 2026', { timeout: 10_000 });
});

test('the five templates fit a portrait screen', async ({ page }) => {
  const media = await ensureMediaFixtures();
  player = await start(media, 'portrait');
  await page.setViewportSize({ width: 608, height: 1080 });
  await page.goto(player.url());
  await everyTemplateFits(page);
});

import { expect, test } from '@playwright/test';
import { fontsUsed } from './fonts.ts';
import { startKiosk, type KioskPlayer } from './core-kiosk.ts';

test.use({ hasTouch: true, isMobile: false, viewport: { width: 1920, height: 1080 } });

let kiosk: KioskPlayer;
test.beforeAll(async () => {
  kiosk = await startKiosk();
});
test.afterAll(async () => {
  await kiosk.close();
});

/** The bundled family each language's own script must be drawn with, and its page title. */
const LANGUAGES: { lang: string; family: string; title: string }[] = [
  { lang: 'vi', family: 'Noto Sans', title: 'Mũi Cà Mau' },
  { lang: 'en', family: 'Noto Sans', title: 'Cape Cà Mau' },
  { lang: 'zh', family: 'Noto Sans CJK SC', title: '金瓯角' },
  { lang: 'th', family: 'Noto Sans Thai', title: 'แหลมก่าเมา' },
  { lang: 'km', family: 'Noto Sans Khmer', title: 'ចុងកាម៉ៅ' },
  { lang: 'lo', family: 'Noto Sans Lao', title: 'ແຫຼມກ່າເມົາ' },
  { lang: 'my', family: 'Noto Sans Myanmar', title: 'ကာမောက်အငူ' },
];

for (const { lang, family, title } of LANGUAGES) {
  test(`the explore page in ${lang}: bundled fonts only, and as on the baseline`, async ({ page }) => {
    await page.goto(kiosk.url);
    await page.locator('.pano-attract-target').tap();
    await page.getByTestId('kiosk-language').tap();
    await page.locator(`[data-lang="${lang}"]`).tap();
    await page.locator('[data-section="explore"]').tap();
    const heading = page.getByRole('heading', { level: 1, name: title });
    await expect(heading).toHaveAttribute('lang', lang);
    await expect(page.locator('.pano-rich-text')).toHaveAttribute('lang', lang);
    await page.evaluate(async () => {
      await document.fonts.ready;
      await Promise.all([...document.images].map((img) => img.decode().catch(() => undefined)));
    });

    // Every glyph on screen comes from a bundled web font: no system fallback, no missing-glyph box.
    const cdp = await page.context().newCDPSession(page);
    const { byText, all } = await fontsUsed(page, cdp, '.pano-kiosk');
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((f) => !f.isCustomFont).map((f) => f.familyName)).toEqual([]);
    expect(byText.get(title)?.map((f) => f.familyName)).toContain(family);

    await expect(page).toHaveScreenshot(`explore-${lang}.png`, { threshold: 0.05, maxDiffPixelRatio: 0.005, animations: 'disabled' });
  });
}

test('the font check notices text outside the bundled fonts', async ({ page }) => {
  await page.goto(kiosk.url);
  await page.locator('.pano-attract-target').tap();
  // Devanagari is in no bundled font: Chromium must fall back to a system font (or a missing-glyph box).
  await page.locator('.pano-home-subtitle').evaluate((el) => (el.textContent = 'नमस्ते'));
  const cdp = await page.context().newCDPSession(page);
  const { byText } = await fontsUsed(page, cdp, '.pano-kiosk');
  expect(byText.get('नमस्ते')?.some((f) => !f.isCustomFont)).toBe(true);
});

test('Japanese and Korean get their own CJK forms, Chinese the Simplified ones', async ({ page }) => {
  await page.goto(kiosk.url);
  await page.locator('.pano-attract-target').tap();
  await page.getByTestId('kiosk-language').tap();
  const cdp = await page.context().newCDPSession(page);
  const { byText } = await fontsUsed(page, cdp, '.pano-language-grid');
  expect(byText.get('日本語')?.map((f) => f.familyName)).toEqual(['Noto Sans CJK JP']);
  expect(byText.get('한국어')?.map((f) => f.familyName)).toEqual(['Noto Sans CJK KR']);
  expect(byText.get('中文')?.map((f) => f.familyName)).toEqual(['Noto Sans CJK SC']);
});

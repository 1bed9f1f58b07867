import { expect, test } from '@playwright/test';
import { startPlayer, type Player } from './player.ts';
import { always, slide } from './playlists.ts';

let player: Player;
test.afterEach(async () => player?.stop());

test('lock-down: no context menu, navigation keys, cursor, selection or drag on the main player', async ({ page }) => {
  player = await startPlayer({
    playlist: {
      items: { card: slide('Khám phá Cà Mau', 600, { template: 'product-card', fields: { name: 'Khám phá Cà Mau', image: 'image-a' } }) },
      sequences: { loop: { items: ['card'] } },
      schedule: always('loop'),
    },
  });
  await page.setViewportSize({ width: 960, height: 540 });
  await page.goto(player.url());
  const card = page.locator('[data-state="current"][data-item="card"]');
  await expect(card.locator('img')).toBeVisible();
  // Listeners in the bubble phase on window run after the player's capture-phase ones:
  // they see whether the player cancelled each event. A reload would lose `marker`.
  await page.evaluate(() => {
    const w = window as unknown as { seen: string[]; marker: boolean };
    w.seen = [];
    w.marker = true;
    for (const type of ['contextmenu', 'keydown', 'dragstart', 'selectstart']) {
      window.addEventListener(type, (e) => w.seen.push(`${type}${e instanceof KeyboardEvent ? `:${e.key}` : ''}=${e.defaultPrevented}`));
    }
  });

  await page.mouse.click(480, 270, { button: 'right' });
  for (const key of ['Control+r', 'F5', 'Alt+ArrowLeft', 'Control+Equal', 'F12']) await page.keyboard.press(key);
  // Dragging the product image and selecting text: real pointer drags start neither (images
  // are not draggable, pointer-events none), so the events are dispatched as a browser would.
  await card.locator('img').dispatchEvent('dragstart');
  await card.locator('.slide-text').first().dispatchEvent('selectstart');

  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  expect(seen).toEqual(
    expect.arrayContaining([
      'contextmenu=true',
      'keydown:r=true',
      'keydown:F5=true',
      'keydown:ArrowLeft=true',
      'keydown:==true',
      'keydown:F12=true',
      'dragstart=true',
      'selectstart=true',
    ]),
  );
  expect(seen.filter((s) => s.endsWith('=false') && !/keydown:(Control|Alt)=/.test(s))).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true); // not reloaded

  // The cursor is hidden and nothing can be selected, on the page and on the content.
  const style = await card.locator('.slide-text').first().evaluate((el) => {
    const s = getComputedStyle(el);
    const body = getComputedStyle(document.body);
    return { cursor: s.cursor, bodyCursor: body.cursor, userSelect: s.userSelect, bodyUserSelect: body.userSelect };
  });
  expect(style).toEqual({ cursor: 'none', bodyCursor: 'none', userSelect: 'none', bodyUserSelect: 'none' });
  // A triple-click (select paragraph) selects nothing.
  await card.locator('.slide-text').first().click({ clickCount: 3, force: true });
  expect(await page.evaluate(() => String(window.getSelection()))).toBe('');
});

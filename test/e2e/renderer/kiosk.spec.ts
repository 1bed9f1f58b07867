import { expect, test } from '@playwright/test';
import { ensureMediaFixtures } from '../../fixtures/make-media.ts';
import { startPlayer, type Player } from './player.ts';
import { assets, always, LAYOUTS, slide } from './playlists.ts';

let player: Player;
test.afterEach(async () => player?.stop());

test('touch display: the schedule is the attract loop under the kiosk layer; a tap opens the kiosk', async ({ page }) => {
  const media = await ensureMediaFixtures();
  player = await startPlayer({
    displays: [{ id: 'kiosk', touch: true }],
    playlist: {
      assets: assets(media),
      layouts: LAYOUTS,
      items: { welcome: slide({ vi: 'Chạm để khám phá', en: 'Tap to explore' }, 60) },
      sequences: { loop: { items: ['welcome'] } },
      schedule: always('loop'),
      kiosk: {
        home: { title: { vi: 'Khám phá Cà Mau', en: 'Explore Cà Mau' }, sections: [{ id: 'about', title: 'Cà Mau', page: 'about' }] },
        pages: { about: { title: 'Cà Mau', blocks: [{ kind: 'text', text: 'Mũi Cà Mau.' }] } },
      },
    },
  });
  await page.goto(player.url('kiosk'));
  await expect(page.locator('[data-state="current"][data-item="welcome"]')).toBeVisible();
  await page.locator('.pano-attract-target').click();
  await expect(page.locator('.pano-kiosk')).toBeVisible();
  await expect.poll(() => player.records.find((r) => r.itemId === 'welcome')).toMatchObject({ outcome: 'interrupted', reason: 'stopped' });
});

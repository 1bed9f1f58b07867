/**
 * Play events from the page to the core under the faults that lost them:
 * a spent keepalive budget, a core that does not answer, a renderer that
 * dies. Every play the page started (its IndexedDB ledger) must end up as
 * exactly one play record.
 */
import { expect, test, type Page } from '@playwright/test';
import { headlessPorts } from '../../../core/ports.ts';
import type { Heartbeat } from '../../../playlists/schemas/reports.ts';
import { startPlayer, type Player } from './player.ts';
import { always, slide } from './playlists.ts';

let player: Player;
test.afterEach(async () => player?.stop());

const loop = { items: { one: slide('Một', 1), two: slide('Hai', 1) }, sequences: { loop: { items: ['one', 'two'] } }, schedule: always('loop') };

/** Play ids the page started, from its ledger in IndexedDB (written with each start event, in one transaction). */
async function ledger(page: Page): Promise<string[]> {
  for (;;) {
    const ids = await page
      .evaluate(
        () =>
          new Promise<string[]>((resolve, reject) => {
            const open = indexedDB.open('pano-events:main');
            // Not made by the page yet: do not make it here (an empty database would stand in its way).
            open.onupgradeneeded = () => open.transaction?.abort();
            open.onerror = () => reject(new Error('no ledger yet'));
            open.onsuccess = () => {
              const all = open.result.transaction('ledger').objectStore('ledger').getAll();
              all.onsuccess = () => resolve((all.result as { playId: string }[]).map((e) => e.playId));
            };
          }),
      )
      // The core may reload the page (its recovery): ask the new one.
      .catch((error: Error) => (/context was destroyed|navigat|no ledger yet/i.test(error.message) ? null : Promise.reject(error)));
    if (ids) return ids;
    await page.waitForLoadState();
    await page.waitForTimeout(100);
  }
}

/** Every started play has exactly one record, except the one still on screen; returns how many were checked. */
async function everyPlayRecordedOnce(page: Page): Promise<number> {
  let started: string[] = [];
  await expect
    .poll(async () => {
      started = await ledger(page);
      const recorded = new Set(player.records.map((r) => r.id));
      return started.filter((id) => !recorded.has(id)).length;
    }, { timeout: 30_000 })
    .toBeLessThanOrEqual(1);
  const ids = player.records.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.every((id) => started.includes(id))).toBe(true);
  return started.length;
}

test('a spent keepalive budget (stuck keepalive requests) does not stop play events', async ({ page }) => {
  player = await startPlayer({ playlist: loop });
  await page.route('**/hang', () => undefined); // never answered: these requests stay in flight
  await page.goto(player.url());
  await expect.poll(() => player.records.length).toBeGreaterThan(0);
  const spent = await page.evaluate(async () => {
    // Keep Chromium's 64 KiB of keepalive bodies in flight per page taken by requests that never end:
    // halving sizes fill whatever room is left, and are topped up whenever room appears.
    const fill = () => {
      for (let size = 32_768; size >= 32; size /= 2) void fetch('/hang', { method: 'POST', body: 'x'.repeat(size), keepalive: true }).catch(() => undefined);
    };
    fill();
    setInterval(fill, 100);
    await new Promise((r) => setTimeout(r, 300));
    // Proof the budget is gone: a keepalive request far smaller than one play event fails at once.
    return fetch('/api/state', { method: 'POST', body: 'y'.repeat(100), keepalive: true }).then(() => false, () => true);
  });
  expect(spent).toBe(true);
  const before = player.records.length;
  await expect.poll(() => player.records.length, { timeout: 15_000 }).toBeGreaterThan(before + 4);
  expect(await everyPlayRecordedOnce(page)).toBeGreaterThan(6);
});

test('a core that stops answering holds events back, is flagged stalled in the heartbeat, and then gets every play', async ({ page }) => {
  let reloads = 0;
  player = await startPlayer({ playlist: loop, config: { rendererStallMs: 6_000 }, ports: { ...headlessPorts, kind: 'chromium', reload: async () => void reloads++ } });
  await page.goto(player.url());
  await expect.poll(() => player.records.length).toBeGreaterThan(0);
  // The heartbeat taken the moment the core sees the stall (the reload it asks for may let the old page's last words through).
  const flagged = new Promise<Heartbeat>((resolve) =>
    player.core.on('error', (e) => {
      if (e.code !== 'RENDERER_STALLED') return;
      player.core.on('heartbeat', resolve);
      void player.core.heartbeatNow();
    }),
  );
  // Every post hangs (longer than the page's 15 s deadline: requests are aborted and tried again).
  await page.route('**/api/events*', () => undefined);
  expect((await flagged).playEvents?.[0]).toMatchObject({ display: 'main', stalled: true, recoveries: 1 });
  expect(reloads).toBeGreaterThan(0);
  const held = player.records.length;
  await expect.poll(() => ledger(page).then((l) => l.length), { timeout: 20_000 }).toBeGreaterThan(held + 15);
  await page.unroute('**/api/events*');
  expect(await everyPlayRecordedOnce(page)).toBeGreaterThan(held + 15);
  const heartbeat = () => new Promise<Heartbeat>((resolve) => (player.core.on('heartbeat', resolve), void player.core.heartbeatNow()));
  await expect.poll(async () => (await heartbeat()).playEvents?.[0]).toMatchObject({ stalled: false, display: 'main' });
  expect((await player.core.status()).errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'RENDERER_STALLED' })]));
});

test('a renderer killed while the core is unreachable loses nothing: the next page sends what it held and ends the open play', async ({ page, context }) => {
  player = await startPlayer({ playlist: loop });
  await page.goto(player.url());
  await expect.poll(() => player.records.length).toBeGreaterThan(0);
  await page.route('**/api/events*', (route) => route.abort());
  const atKill = await expect.poll(() => ledger(page).then((l) => l.length)).toBeGreaterThan(player.records.length + 4).then(() => ledger(page));
  // Kills the tab's renderer process (as kill -9 would): no unload, no last words.
  const crashed = new Promise((resolve) => page.once('crash', resolve));
  await page.goto('chrome://kill').catch(() => undefined);
  await crashed;
  const next = await context.newPage();
  await next.goto(player.url());
  // The play on screen at the kill gets its end from the next page.
  const open = () => player.records.filter((r) => r.reason === 'renderer restarted');
  await expect.poll(() => open().length).toBe(1);
  expect(atKill).toContain(open()[0]!.id);
  expect(await everyPlayRecordedOnce(next)).toBeGreaterThan(atKill.length);
});

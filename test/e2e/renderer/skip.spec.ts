import { expect, test } from '@playwright/test';
import { startPlayer, type Player } from './player.ts';
import { always, slide } from './playlists.ts';

let player: Player;
test.afterEach(async () => player?.stop());

test('a truncated MP4 and a dead HLS URL are skipped within 6 s, reported, and the loop goes on', async ({ page }) => {
  player = await startPlayer({
    playlist: {
      items: {
        before: { kind: 'video', asset: 'clip-b' },
        broken: { kind: 'video', asset: 'truncated' },
        middle: { kind: 'video', asset: 'clip-a' },
        // Port 9 on loopback: nothing listens, the connection is refused.
        dead: { kind: 'hls', mode: 'live', url: 'http://127.0.0.1:9/live/index.m3u8', duration: 30 },
        after: slide('Still playing', 1),
      },
      sequences: { loop: { items: ['before', 'broken', 'middle', 'dead', 'after'] } },
      schedule: always('loop'),
    },
  });
  await page.goto(player.url());
  await expect.poll(() => player.records.map((r) => r.itemId), { timeout: 30_000 }).toEqual(expect.arrayContaining(['before', 'broken', 'middle', 'dead', 'after']));
  const byId = (id: string) => player.records.find((r) => r.itemId === id)!;
  expect(byId('broken').outcome).toBe('error');
  expect(byId('broken').reason).toMatch(/^(PLAYBACK_FAILED|STALLED)/);
  expect(byId('dead').outcome).toBe('error');
  expect(byId('dead').reason).toMatch(/^(PLAYBACK_FAILED|STALLED)/);
  // From the end of the item before each broken one to the start of the one after: under 6 s.
  const gap = (a: string, b: string) => Date.parse(byId(b).startedAt) - Date.parse(byId(a).endedAt);
  expect(gap('before', 'middle')).toBeLessThan(6_000);
  expect(gap('middle', 'after')).toBeLessThan(6_000);
  expect(byId('middle').outcome).toBe('completed');
  expect(byId('after').outcome).toBe('completed');
});

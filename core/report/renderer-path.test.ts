import { describe, expect, it } from 'vitest';
import { fakeClock } from '../../test/fixtures/fake-clock.ts';
import { slidePlaylist } from '../../test/fixtures/slide-playlist.ts';
import { maxPlayGap, RendererPath } from './renderer-path.ts';

const MAIN = { id: 'main', orientation: 'landscape', touch: false } as const;
const playlist = slidePlaylist({ operatingHours: [{ start: '06:00', end: '22:00' }], slideSeconds: 400 });

function watch(start: string, stallMs = 80_000) {
  const f = fakeClock(Date.parse(start));
  const calls: string[] = [];
  const path = new RendererPath({
    displays: [MAIN],
    clock: f.clock,
    stallMs,
    pagesExpected: true,
    timeZone: 'Asia/Ho_Chi_Minh',
    playlist: () => playlist,
    now: f.now,
    reload: async () => void calls.push('reload'),
    restart: async () => void calls.push('restart'),
    stalled: (why) => calls.push(why),
  });
  path.start();
  /** Runs the clock to `ms` later; `post` is called at every timer (a page posting as it should). */
  const run = (ms: number, post?: () => void) => {
    const until = f.now() + ms;
    while (f.now() < until) {
      f.fire();
      post?.();
    }
  };
  return { f, path, calls, run };
}

describe('the core’s view of play events', () => {
  it('a longest item of 400 s allows 800 s without a play; black hours none', () => {
    expect(maxPlayGap(playlist, Date.parse('2026-11-20T03:00:00Z'), 'Asia/Ho_Chi_Minh', MAIN)).toBe(800_000);
    expect(maxPlayGap(playlist, Date.parse('2026-11-20T16:00:00Z'), 'Asia/Ho_Chi_Minh', MAIN)).toBeNull(); // 23:00 local
  });

  it('a silent page is reported and reloaded, then the shell restarted after three reloads; a post clears it', () => {
    const w = watch('2026-11-20T03:00:00Z'); // 10:00 local
    w.run(60_000, () => w.path.posted('main', 1, 1, 1));
    expect(w.calls).toEqual([]);
    w.run(90_000);
    expect(w.calls).toEqual([expect.stringMatching(/^no post from the page of display main for (8|9)\d s/), 'reload']);
    expect(w.path.snapshot()[0]).toMatchObject({ display: 'main', stalled: true, recoveries: 1 });
    w.run(3 * 90_000);
    expect(w.calls.filter((c) => c === 'reload' || c === 'restart')).toEqual(['reload', 'reload', 'reload', 'restart']);
    // The page is back, but still holds more than it sent: not caught up yet.
    w.path.posted('main', 450, 200, 1);
    expect(w.path.snapshot()[0]).toMatchObject({ stalled: true, held: 450 });
    w.path.posted('main', 50, 50, 0);
    expect(w.path.snapshot()[0]).toMatchObject({ stalled: false, held: 50, stalledSince: null, recoveries: 4 });
  });

  it('a page that posts but starts no play for longer than its items last, while the schedule plays, is reloaded; at night it may rest', () => {
    const w = watch('2026-11-20T03:00:00Z');
    w.run(700_000, () => w.path.posted('main', 0, 0, 0));
    expect(w.calls).toEqual([]);
    w.run(150_000, () => w.path.posted('main', 0, 0, 0));
    expect(w.calls).toEqual([expect.stringMatching(/^no play started on display main for 8\d\d s while its schedule plays/), 'reload']);
    // 23:00 local: black hours, no plays expected.
    const night = watch('2026-11-20T16:00:00Z');
    night.run(3_600_000, () => night.path.posted('main', 0, 0, 0));
    expect(night.calls).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { OperatingHours } from '../../playlists/schemas/schedule.ts';
import { fakeClock } from '../../test/fixtures/fake-clock.ts';
import { slidePlaylist } from '../../test/fixtures/slide-playlist.ts';
import { RendererGuardConfig, rendererLimitBytes } from './guard-config.ts';
import { MemoryGuard } from './memory-guard.ts';

const MB = 1024 * 1024;
const MIN = 60_000;
const HOUR = 60 * MIN;

const playlist = (operatingHours?: OperatingHours[]) => slidePlaylist(operatingHours ? { operatingHours } : {});
/** Open 06:00–22:00 in Hồ Chí Minh City (UTC+7): black outside. */
const DAYTIME = playlist([{ start: '06:00', end: '22:00' }]);
const ALWAYS = playlist();

/** A guard over one display whose renderer size the test sets; fresh starts give a new pid. */
function guarded(start: string, schedule: ReturnType<typeof playlist>, cfg: Partial<RendererGuardConfig> = {}) {
  const f = fakeClock(Date.parse(start));
  let pid = 100;
  let renderer = 200 * MB;
  const restarts: { at: string; reason: string }[] = [];
  const guard = new MemoryGuard({
    cfg: RendererGuardConfig.parse({ checkEveryMs: MIN, baselineAfterMs: 10 * MIN, ...cfg }),
    displays: [{ id: 'main', orientation: 'landscape' }],
    clock: f.clock,
    playlist: () => schedule,
    now: f.now,
    timeZone: 'Asia/Ho_Chi_Minh',
    pids: () => [{ display: 'main', pid }],
    read: async () => ({ rendererBytes: renderer, totalBytes: renderer + 300 * MB, processes: 6 }),
    freshStart: async () => {
      pid++;
      renderer = 200 * MB;
    },
    log: () => undefined,
    restarted: (m) => restarts.push({ at: m.at, reason: m.reason }),
  });
  /** Checks every minute until `until` (ISO), as the timer would. */
  const runUntil = async (until: string, every = MIN) => {
    while (f.now() + every <= Date.parse(until)) {
      f.set(f.now() + every);
      await guard.check();
    }
  };
  const crash = () => {
    pid += 10;
    renderer = 200 * MB;
  };
  return { f, guard, restarts, runUntil, crash, grow: (mb: number) => (renderer = mb * MB), pid: () => pid };
}

describe('MemoryGuard', () => {
  it('takes the baseline after ten open minutes and limits growth to baseline + 512 MB', async () => {
    const g = guarded('2026-03-02T08:00:00+07:00', DAYTIME);
    await g.runUntil('2026-03-02T08:05:00+07:00');
    expect(g.guard.report().rendererMemory).toEqual([{ display: 'main', rendererMb: 200, browserMb: 500, baselineMb: null, limitMb: 1536, restartWaits: null }]);
    await g.runUntil('2026-03-02T08:12:00+07:00');
    expect(g.guard.report().rendererMemory?.[0]).toMatchObject({ baselineMb: 200, limitMb: 712 });
    g.grow(700);
    await g.runUntil('2026-03-02T09:00:00+07:00');
    expect(g.guard.report().rendererMemory?.[0]?.restartWaits).toBeNull();
  });

  it('a limit crossed while open waits for closing time, then starts Chromium afresh', async () => {
    const g = guarded('2026-03-02T08:00:00+07:00', DAYTIME);
    await g.runUntil('2026-03-02T08:15:00+07:00');
    g.grow(800);
    await g.runUntil('2026-03-02T21:59:00+07:00');
    // Fourteen hours over the limit, all of them open: no restart.
    expect(g.restarts).toEqual([]);
    expect(g.pid()).toBe(100);
    expect(g.guard.report().rendererMemory?.[0]).toMatchObject({ rendererMb: 800, restartWaits: 'closed' });
    await g.runUntil('2026-03-02T22:05:00+07:00');
    expect(g.restarts).toEqual([{ at: '2026-03-02T15:00:00.000Z', reason: 'memory' }]);
    expect(g.pid()).toBe(101);
    expect(g.guard.report().maintenance).toEqual({ display: 'main', at: '2026-03-02T15:00:00.000Z', reason: 'memory', rendererMb: 800 });
  });

  it('a screen open 24 h restarts right after an item ends, not before', async () => {
    const g = guarded('2026-03-02T08:00:00+07:00', ALWAYS);
    await g.runUntil('2026-03-02T08:15:00+07:00');
    g.grow(900);
    await g.runUntil('2026-03-02T08:20:00+07:00');
    expect(g.guard.report().rendererMemory?.[0]?.restartWaits).toBe('item-end');
    g.guard.itemEnded('lobby-2'); // another display's item
    expect(g.restarts).toEqual([]);
    g.guard.itemEnded('main');
    await expect.poll(() => g.pid()).toBe(101);
    expect(g.restarts).toEqual([{ at: '2026-03-02T01:20:00.000Z', reason: 'memory' }]);
  });

  it('a 24 h screen with no item end (one live stream) restarts after 30 minutes anyway', async () => {
    const g = guarded('2026-03-02T08:00:00+07:00', ALWAYS);
    await g.runUntil('2026-03-02T08:15:00+07:00');
    g.grow(900);
    await g.runUntil('2026-03-02T08:45:00+07:00');
    expect(g.restarts).toEqual([]);
    await g.runUntil('2026-03-02T08:47:00+07:00');
    expect(g.restarts).toEqual([{ at: '2026-03-02T01:46:00.000Z', reason: 'memory' }]);
  });

  it('an item end does not restart while closed hours come within 24 h', async () => {
    const g = guarded('2026-03-02T08:00:00+07:00', DAYTIME);
    await g.runUntil('2026-03-02T08:15:00+07:00');
    g.grow(900);
    await g.runUntil('2026-03-02T09:00:00+07:00');
    g.guard.itemEnded('main');
    expect(g.restarts).toEqual([]);
  });

  it('closed hours more than 24 h away (closed on Sundays only) do not hold the restart', async () => {
    const weekdays = playlist([{ start: '00:00', end: '00:00', weekdays: [1, 2, 3, 4, 5, 6] }]);
    // Monday 2 March 2026: the next closed day is Sunday 8 March.
    const g = guarded('2026-03-02T08:00:00+07:00', weekdays);
    await g.runUntil('2026-03-02T08:15:00+07:00');
    g.grow(900);
    await g.runUntil('2026-03-02T08:17:00+07:00');
    expect(g.guard.report().rendererMemory?.[0]?.restartWaits).toBe('item-end');
    // Saturday morning: Sunday is now within a day, so the restart waits for it.
    const s = guarded('2026-03-07T08:00:00+07:00', weekdays);
    await s.runUntil('2026-03-07T08:15:00+07:00');
    s.grow(900);
    await s.runUntil('2026-03-07T08:17:00+07:00');
    expect(s.guard.report().rendererMemory?.[0]?.restartWaits).toBe('closed');
  });

  it('starts a run older than 20 h afresh in closed hours, at most once a night, never while open', async () => {
    const g = guarded('2026-03-02T08:00:00+07:00', DAYTIME);
    await g.runUntil('2026-03-06T08:00:00+07:00', 5 * MIN);
    const local = g.restarts.map((r) => new Date(Date.parse(r.at) + 7 * HOUR).toISOString().slice(0, 16));
    // 20 h after 08:00 is 04:00 the next night; each fresh run is 20 h old a little earlier the night after.
    expect(local).toEqual(['2026-03-03T04:05', '2026-03-04T00:10', '2026-03-04T22:00', '2026-03-05T22:00']);
    expect(g.restarts.every((r) => r.reason === 'daily')).toBe(true);
  });

  it('does not use a closed stretch too short for Chromium to start in', async () => {
    // Closed 12:00–12:01 for lunch and 22:00–06:00.
    const lunch = playlist([
      { start: '06:00', end: '12:00' },
      { start: '12:01', end: '22:00' },
    ]);
    const g = guarded('2026-03-02T08:00:00+07:00', lunch);
    await g.runUntil('2026-03-02T08:15:00+07:00');
    g.grow(900);
    await g.runUntil('2026-03-02T21:59:00+07:00');
    expect(g.restarts).toEqual([]);
    await g.runUntil('2026-03-02T22:01:00+07:00');
    expect(g.restarts).toHaveLength(1);
  });

  it('a new Chromium (a crash recovery) gets a new baseline and nothing due', async () => {
    const g = guarded('2026-03-02T08:00:00+07:00', DAYTIME);
    await g.runUntil('2026-03-02T08:15:00+07:00');
    g.grow(900);
    await g.runUntil('2026-03-02T08:20:00+07:00');
    expect(g.guard.report().rendererMemory?.[0]?.restartWaits).toBe('closed');
    g.crash();
    await g.runUntil('2026-03-02T08:21:00+07:00');
    expect(g.guard.report().rendererMemory?.[0]).toMatchObject({ rendererMb: 200, baselineMb: null, restartWaits: null });
    await g.runUntil('2026-03-02T22:05:00+07:00');
    expect(g.restarts).toEqual([]);
  });
});

describe('rendererLimitBytes', () => {
  const cfg = RendererGuardConfig.parse({});
  it('is the absolute cap before a baseline, then the lower of baseline + growth and the cap', () => {
    expect(rendererLimitBytes(cfg, null) / MB).toBe(1536);
    expect(rendererLimitBytes(cfg, 300 * MB) / MB).toBe(812);
    expect(rendererLimitBytes(cfg, 1200 * MB) / MB).toBe(1536);
  });
  it('a page whose baseline is above the cap gets baseline + growth, so a restart cannot loop', () => {
    expect(rendererLimitBytes(cfg, 1600 * MB) / MB).toBe(2112);
  });
});

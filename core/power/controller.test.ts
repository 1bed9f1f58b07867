import { describe, expect, it } from 'vitest';
import type { Playlist } from '../../playlists/schemas/playlist.ts';
import type { PowerBackend } from '../../playlists/schemas/reports.ts';
import { fakeClock } from '../../test/fixtures/fake-clock.ts';
import { slidePlaylist } from '../../test/fixtures/slide-playlist.ts';
import { DisplayPower } from './controller.ts';

// Open 06:00–22:00 in Hồ Chí Minh City (UTC+7): the renderer is black outside.
const playlist = slidePlaylist({ operatingHours: [{ start: '06:00', end: '22:00' }] });

/** Runs the fake clock until the pending switch has settled. */
const settle = () => new Promise<void>((r) => setImmediate(r));

function power(start: string, o: { backend?: () => PowerBackend; failing?: () => boolean; zone?: string; playlist?: () => Playlist | undefined } = {}) {
  const f = fakeClock(Date.parse(start));
  const calls: string[] = [];
  const failures: string[] = [];
  const p = new DisplayPower({
    clock: f.clock,
    backend: o.backend ?? (() => 'dpms'),
    panelFor: (b) =>
      b === 'none'
        ? null
        : async (on) => {
            calls.push(`${b} ${on ? 'on' : 'off'}`);
            if (o.failing?.()) throw new Error('xset: unable to open display ":9"');
          },
    shell: async (on) => void calls.push(`blocker ${on ? 'held' : 'released'}`),
    playlist: o.playlist ?? (() => playlist),
    now: f.now,
    timeZone: () => o.zone ?? 'Asia/Ho_Chi_Minh',
    display: () => ({ id: 'main', orientation: 'landscape' }),
    wakeMs: 30 * 60_000,
    changed: () => {},
    failed: (m) => failures.push(m),
  });
  const stop = p.start();
  /** Fires timers until the clock reaches `iso`. */
  const runTo = async (iso: string) => {
    while (f.now() < Date.parse(iso)) {
      if (f.fire() === null) break;
      await settle();
    }
    f.set(Math.max(f.now(), Date.parse(iso)));
  };
  return { f, p, calls, failures, stop, runTo };
}

describe('display power', () => {
  it('switches off when operating hours end and on when they begin, in the screen\'s zone', async () => {
    const t = power('2026-12-04T14:59:30Z'); // 21:59:30 in Hồ Chí Minh City
    await settle();
    expect(t.calls).toEqual(['dpms on', 'blocker held']);
    expect(t.p.state()).toMatchObject({ state: 'on', backend: 'dpms', lastError: null });
    // One timer, set for the closing edge itself.
    expect(t.f.pending()).toEqual([30_000]);
    await t.runTo('2026-12-04T15:00:00Z');
    expect(t.calls.slice(2)).toEqual(['dpms off', 'blocker released']);
    expect(t.p.state()).toMatchObject({ state: 'off', since: '2026-12-04T15:00:00.000Z' });
    await t.runTo('2026-12-04T23:00:00Z'); // 06:00 the next morning
    expect(t.calls.slice(4)).toEqual(['dpms on', 'blocker held']);
    expect(t.p.state().since).toBe('2026-12-04T23:00:00.000Z');
    t.stop();
  });

  it('keeps the panel on while no playlist plays, and sets its timer for the edges of one adopted later', async () => {
    let current: Playlist | undefined = undefined;
    const t = power('2026-12-04T14:59:30Z', { playlist: () => current });
    await settle();
    expect(t.p.state().state).toBe('on');
    expect(t.f.pending()).toEqual([300_000]);
    current = playlist;
    t.p.check();
    expect(t.f.pending()).toEqual([30_000]);
    await t.runTo('2026-12-04T15:00:00Z');
    expect(t.p.state().state).toBe('off');
    t.stop();
  });

  it('reads the hours in the screen\'s zone (Tokyo is two hours ahead of Hồ Chí Minh City)', async () => {
    // 14:30Z is 21:30 in Hồ Chí Minh City (open) and 23:30 in Tokyo (closed).
    const hcm = power('2026-12-04T14:30:00Z');
    const tokyo = power('2026-12-04T14:30:00Z', { zone: 'Asia/Tokyo' });
    await settle();
    expect(hcm.p.state().state).toBe('on');
    expect(tokyo.p.state().state).toBe('off');
    hcm.stop();
    tokyo.stop();
  });

  it('wake turns the panel on until the wake time is up, and it goes off again', async () => {
    const t = power('2026-12-04T16:00:00Z'); // 23:00: closed
    await settle();
    expect(t.p.state().state).toBe('off');
    expect(await t.p.wake()).toBe('on until 2026-12-04T16:30:00.000Z');
    expect(t.p.state()).toMatchObject({ state: 'on', wokenUntil: '2026-12-04T16:30:00.000Z' });
    await t.runTo('2026-12-04T16:30:00Z');
    await settle();
    expect(t.p.state().state).toBe('off');
    expect(t.p.state().wokenUntil).toBeUndefined();
    expect(t.calls.filter((c) => c.startsWith('dpms'))).toEqual(['dpms off', 'dpms on', 'dpms off']);
    t.stop();
  });

  it('a wake ends when the hours begin: the next closing switches off as scheduled', async () => {
    const t = power('2026-12-04T22:50:00Z'); // 05:50: closed, opens at 06:00
    await settle();
    await t.p.wake();
    await t.runTo('2026-12-04T23:00:00Z');
    expect(t.p.state()).toMatchObject({ state: 'on' });
    expect(t.p.state().wokenUntil).toBeUndefined();
    await t.runTo('2026-12-05T15:00:00Z');
    expect(t.p.state().state).toBe('off');
    t.stop();
  });

  it('a failing tool leaves the state unknown with its error, reported once, and is tried again by the timer, backing off', async () => {
    let failing = true;
    const t = power('2026-12-04T16:00:00Z', { failing: () => failing });
    await settle();
    expect(t.p.state()).toMatchObject({ state: 'unknown', lastError: { message: 'xset: unable to open display ":9"' } });
    // Tried again after 5 min; the next try is 10 min after that (backing off), not at the 16:10 check.
    await t.runTo('2026-12-04T16:10:00Z');
    expect(t.calls.filter((c) => c === 'dpms off')).toHaveLength(2);
    expect(t.failures).toEqual(['display power off (dpms): xset: unable to open display ":9"']);
    failing = false;
    await t.runTo('2026-12-04T16:15:00Z');
    expect(t.p.state().state).toBe('off');
    t.stop();
  });

  it('follows the device setting: a change to CEC switches the panel again through cec-client; none leaves it unknown', async () => {
    let backend: PowerBackend = 'dpms';
    const t = power('2026-12-04T16:00:00Z', { backend: () => backend });
    await settle();
    backend = 'cec';
    t.p.check();
    await settle();
    expect(t.calls.filter((c) => !c.startsWith('blocker'))).toEqual(['dpms off', 'cec off']);
    expect(t.p.state()).toMatchObject({ state: 'off', backend: 'cec' });
    backend = 'none';
    t.p.check();
    await settle();
    expect(t.p.state()).toMatchObject({ state: 'unknown', backend: 'none' });
    // The shell's own part (Electron's blocker) still follows the hours.
    expect(t.calls.at(-1)).toBe('blocker released');
    t.stop();
  });
});

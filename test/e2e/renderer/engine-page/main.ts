/**
 * The real ZoneEngine over still "slots" that end on a timer: what the engine
 * decides (reveals, skips, restarts) without media timing in the way. Tests
 * drive it through `window.engineTest`.
 */
import type { Ending, ResolvedItem, Slot } from '../../../../renderer/playback/types.ts';
import { ZoneEngine, type PlayReport } from '../../../../renderer/playback/zone-engine.ts';

class StillSlot implements Slot {
  readonly el = document.createElement('div');
  readonly res: ResolvedItem;
  onEnd: ((ending: Ending) => void) | null = null;
  onNearEnd: (() => void) | null = null;
  nearEndLeadMs = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly ms: number;

  constructor(res: ResolvedItem, ms: number, colour: string) {
    this.res = res;
    this.ms = ms;
    this.el.className = 'slot';
    this.el.style.background = colour;
  }
  prepare = () => Promise.resolve();
  start(): Promise<void> {
    this.timer = setTimeout(() => this.onEnd?.({ outcome: 'completed' }), this.ms);
    return Promise.resolve();
  }
  endedEarly = () => null;
  drawn = () => Promise.resolve();
  stalledFor = () => 0;
  position = () => 0;
  pause = () => clearTimeout(this.timer);
  release(): void {
    this.pause();
    this.onEnd = null;
    this.el.remove();
  }
}

const still = (id: string): ResolvedItem => ({
  id,
  channel: 'test',
  playlistVersion: 1,
  item: { kind: 'image', asset: id, duration: 0.3, fit: 'contain' },
  subtitles: [],
  subtitlePreference: [],
  transition: { type: 'cut', ms: 0 },
});

const host = document.getElementById('host')!;
const reports: { phase: PlayReport['phase']; playId: string; item: string }[] = [];
const engine = new ZoneEngine(host, {
  zone: 'main',
  makeSlot: (res) => new StillSlot(res, 300, res.id === 'a' ? '#c03030' : '#3050c0'),
  report: (r) => reports.push({ phase: r.phase, playId: r.playId, item: r.res.id }),
  newId: () => crypto.randomUUID(),
  languageOf: () => undefined,
});

declare global {
  interface Window {
    engineTest: { start(): void; loseNextWakeUp(): void; starts(): number; recoveries(): number };
  }
}

window.engineTest = {
  start: () => engine.setProgram({ key: 'loop', items: [still('a'), still('b')] }, true),
  /** The next call that should move the loop on is lost (as a wait that never returns would lose it). */
  loseNextWakeUp: () => {
    const e = engine as unknown as { advance(gen: number): Promise<void> };
    const advance = e.advance;
    e.advance = () => {
      e.advance = advance;
      return Promise.resolve();
    };
  },
  starts: () => reports.filter((r) => r.phase === 'start').length,
  recoveries: () => engine.recoveries,
};

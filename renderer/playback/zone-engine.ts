import type { ZoneRole } from '../../playlists/schemas/layouts.ts';
import { liveUrl } from './media.ts';
import { reasonOf } from './video-slot.ts';
import { PlaybackError, type Ending, type ResolvedItem, type Slot } from './types.ts';

/** A sequence to loop in a zone; `key` names it so a return can resume where it left off. */
export interface Program {
  key: string;
  items: ResolvedItem[];
  entryId?: string;
}

export interface PlayReport {
  phase: 'start' | 'end';
  playId: string;
  res: ResolvedItem;
  zone: ZoneRole;
  entryId?: string;
  language?: string;
  ending?: Ending;
}

export interface EngineDeps {
  zone: ZoneRole;
  /** Makes a slot for an item; `pass` counts plays of it (language rotation); `startAt` resumes. */
  makeSlot(res: ResolvedItem, pass: number, startAt: number): Slot;
  report(r: PlayReport): void;
  newId(): string;
  /** Language of this play for reports. */
  languageOf(res: ResolvedItem, pass: number): string | undefined;
}

/** No frame progress for this long: the item is skipped and reported STALLED. */
export const STALL_MS = 5_000;
/** Preparing (loading, first frame, manifest) may take this long before the item is skipped. */
export const PREPARE_MS = 5_000;
/** After every item of the loop failed: hold what is on screen this long, then try again. */
export const HOLD_MS = 2_000;
/**
 * Nothing revealed or skipped for this long while nothing plays: the loop has
 * stopped advancing (a lost wake-up, a bug), and the engine starts it again.
 * Longer than the slowest legal path (prepare + start + hold).
 */
export const LOOP_STALL_MS = 2 * PREPARE_MS + HOLD_MS + 3_000;

/** A fallback item standing in for a live stream that is down, until `deadline` (performance.now ms). */
interface StandIn {
  live: ResolvedItem;
  deadline: number;
}

interface Playing {
  slot: Slot;
  index: number;
  playId: string;
  pass: number;
  ended: boolean;
  standIn?: StandIn | undefined;
  /** The entry that scheduled it (the program may change before it ends). */
  entryId: string | undefined;
  /** performance.now() when it was raised. */
  shownAt: number;
}

interface Prepared {
  slot: Slot;
  index: number;
  pass: number;
  entryId: string | undefined;
  ready: Promise<unknown>;
  failed: unknown;
  standIn?: StandIn | undefined;
  /** Set once start() was called (early by preroll, or when its turn comes); true when a frame is up. */
  started?: Promise<boolean>;
  /** A live stream coming back: replaces the stand-in it names. */
  recovers?: StandIn;
}

/**
 * User Timing mark set when the page's first item is raised (a video on its first
 * presented frame, a still once decoded): start-up as a passer-by sees it, read over
 * DevTools by the start-up bench and available to anyone diagnosing a slow screen.
 */
export const FIRST_FRAME_MARK = 'pano:first-frame';
/** Above every element on screen (reveals count up from 10): where prepared elements wait, transparent. */
const PREPARED_Z = 1_000_000;
/** Set once per page, so later transitions cost a boolean, not a timeline lookup. */
let firstFrameMarked = false;

/** While a fallback stands in, the live stream is probed this often. */
export const LIVE_PROBE_MS = 5_000;

/**
 * Loops a program in one zone with two (or more) elements: while one plays,
 * the next is loaded and decoded underneath; on the current's last frame the
 * next starts and is raised over it once its first frame is on screen. The
 * previous element is released after the transition.
 */
export class ZoneEngine {
  private readonly host: HTMLElement;
  private readonly deps: EngineDeps;
  private program: Program | null = null;
  private current: Playing | null = null;
  private next: Prepared | null = null;
  private generation = 0;
  private z = 10;
  private passes = new Map<string, number>();
  private resume = new Map<string, { index: number; position: number }>();
  private watchdog: ReturnType<typeof setInterval>;
  private failures = 0;
  /** performance.now() of the last reveal, skip or (re)start: the watchdog's measure of progress. */
  private lastMove = performance.now();
  /** Times the watchdog restarted a loop that had stopped advancing (diagnostics: data-recoveries on the host). */
  recoveries = 0;
  /** Moving estimate of play() → first presented frame, to start the next video that much early. */
  private startLatencyMs = 50;

  constructor(host: HTMLElement, deps: EngineDeps) {
    this.host = host;
    this.deps = deps;
    this.watchdog = setInterval(() => this.checkStall(), 1_000);
  }

  /**
   * Switch to another program. `preempt` (interrupts, and their end) cuts the
   * current item at once; otherwise an item the new program also plays keeps
   * playing and the new loop continues after it.
   */
  setProgram(program: Program, preempt: boolean): void {
    const old = this.program;
    if (old?.key === program.key && old.items === program.items) return;
    this.program = program;
    const cur = this.current;
    if (!cur || cur.ended) {
      if (old && cur) this.resume.set(old.key, { index: cur.index + 1, position: 0 });
      this.begin(preempt ? 'interrupt' : 'schedule change');
      return;
    }
    const stillThere = program.items.findIndex((r) => r.id === cur.slot.res.id);
    if (!preempt && stillThere >= 0) {
      cur.index = stillThere;
      this.dropNext();
      this.prepareNext();
      return;
    }
    if (old) this.resume.set(old.key, { index: cur.index, position: cur.slot.position() });
    this.begin(preempt ? 'interrupt' : 'schedule change');
  }

  /** Start the program at its resume point, replacing whatever plays. */
  private begin(why: string): void {
    const program = this.program;
    if (!program || program.items.length === 0) return;
    const gen = ++this.generation;
    this.lastMove = performance.now();
    this.dropNext();
    const saved = this.resume.get(program.key);
    this.resume.delete(program.key);
    const index = saved ? saved.index % program.items.length : 0;
    const cur = this.current;
    if (cur && !cur.ended) {
      cur.slot.pause();
      this.endCurrent({ outcome: 'interrupted', reason: why });
    }
    this.next = this.prepare(index, saved?.position ?? 0);
    void this.advance(gen);
  }

  private prepare(index: number, startAt = 0, override?: ResolvedItem, standIn?: StandIn): Prepared {
    const program = this.program!;
    const res = override ?? program.items[index % program.items.length]!;
    const pass = this.passes.get(res.id) ?? 0;
    const slot = this.deps.makeSlot(res, pass, startAt);
    // Prepared on top, transparent: a <video> kept under an opaque one is culled by the compositor,
    // and once uncovered it showed black for 2–20 frames at 1920×1080 (docs/renderer.md, "Cuts").
    slot.el.style.zIndex = String(PREPARED_Z);
    slot.el.style.opacity = '0';
    // For diagnostics and tests: which item each element holds, and which one is on screen.
    slot.el.dataset.item = res.id;
    slot.el.dataset.state = 'prepared';
    this.host.prepend(slot.el);
    const p: Prepared = { slot, index: index % program.items.length, pass, entryId: program.entryId, ready: Promise.resolve(), failed: null, standIn };
    p.ready = withTimeout(slot.prepare(), PREPARE_MS, `${res.id} was not ready within ${PREPARE_MS / 1000} s`).catch((error: unknown) => {
      p.failed = error;
    });
    return p;
  }

  private prepareNext(): void {
    const cur = this.current;
    if (!cur || !this.program || this.next) return;
    this.next = this.prepare(cur.index + 1);
  }

  private dropNext(): void {
    this.next?.slot.release();
    this.next = null;
  }

  /** Show the prepared next item; skip (and report) items that cannot play, until one can. */
  private async advance(gen: number): Promise<void> {
    while (gen === this.generation && this.program) {
      const p = this.next ?? this.prepare(this.current ? this.current.index + 1 : 0);
      this.next = p;
      await p.ready;
      if (gen !== this.generation) return;
      if (!p.failed) {
        await this.startSlot(p);
        if (gen !== this.generation || this.next !== p) return;
      }
      this.next = null;
      if (p.failed) {
        this.skip(p, p.failed);
        const standIn = this.standInFor(p.slot.res, p.standIn);
        if (standIn) {
          this.next = this.prepare(p.index, 0, standIn.live.fallback, standIn);
          continue;
        }
        if (++this.failures >= this.program.items.length) {
          // Nothing in the loop plays: hold what is on screen and try again shortly.
          await new Promise((r) => setTimeout(r, HOLD_MS));
          // A new program may have begun meanwhile: its own loop owns `next` now.
          if (gen !== this.generation) return;
          this.failures = 0;
        }
        this.next = this.prepare(p.index + 1);
        continue;
      }
      this.failures = 0;
      this.reveal(p);
      return;
    }
  }

  /** start() once per prepared slot; failures are kept in p.failed. */
  private startSlot(p: Prepared): Promise<boolean> {
    if (!p.started) {
      const t0 = performance.now();
      p.started = withTimeout(p.slot.start(), PREPARE_MS, `${p.slot.res.id} showed no frame within ${PREPARE_MS / 1000} s`).then(
        () => {
          if (isVideo(p.slot)) this.startLatencyMs = 0.7 * this.startLatencyMs + 0.3 * Math.min(500, performance.now() - t0);
          return true;
        },
        (error: unknown) => {
          p.failed = error;
          return false;
        },
      );
    }
    return p.started;
  }

  /**
   * The current item is about to end and the next one is a video: start it now,
   * hidden underneath, and raise it on its first frame, so it follows the
   * current item's last frame without a gap.
   */
  private preroll(cur: Playing): void {
    const p = this.next;
    if (!p || !isVideo(p.slot) || p.started) return;
    const gen = this.generation;
    void p.ready.then(async () => {
      if (p.failed || this.next !== p || gen !== this.generation || cur.ended) return;
      const ok = await this.startSlot(p);
      if (!ok || this.next !== p || gen !== this.generation || this.current !== cur || cur.ended) return;
      // The next video shows its first frame before this one finished its last: hand over now.
      this.endCurrent({ outcome: 'completed' });
      this.next = null;
      this.failures = 0;
      this.reveal(p);
    });
  }

  private reveal(p: Prepared): void {
    const previous = this.current;
    const t = p.slot.res.transition;
    const el = p.slot.el;
    el.style.zIndex = String(++this.z);
    el.style.opacity = '1';
    el.dataset.state = 'current';
    if (previous) previous.slot.el.dataset.state = 'leaving';
    if (t.type === 'fade' && t.ms > 0 && previous) {
      el.style.opacity = '0';
      void el.offsetWidth; // commit opacity 0 before the transition starts
      el.style.transition = `opacity ${t.ms}ms linear`;
      el.style.opacity = '1';
    }
    if (!firstFrameMarked) {
      firstFrameMarked = true;
      performance.mark(FIRST_FRAME_MARK);
    }
    const playId = this.deps.newId();
    const playing: Playing = { slot: p.slot, index: p.index, playId, pass: p.pass, ended: false, standIn: p.standIn, entryId: p.entryId, shownAt: performance.now() };
    this.current = playing;
    this.lastMove = playing.shownAt;
    this.passes.set(p.slot.res.id, p.pass + 1);
    this.report('start', playing);
    this.wire(playing);
    // The outgoing element stays underneath until the incoming one has been drawn on top (and its fade is
    // over); at a cut it holds still on its last frame meanwhile (and its sound stops now).
    if (previous && t.type !== 'fade') previous.slot.pause();
    if (previous) void p.slot.drawn().then(() => this.retire(previous.slot, t.type === 'fade' ? t.ms + 50 : 0));
    this.prepareNext();
  }

  // Closures made here capture only their own play: a closure sharing reveal()'s
  // scope would hold the previous play, and so every play before it, forever.
  private wire(playing: Playing): void {
    const slot = playing.slot;
    slot.onEnd = (ending) => this.onEnded(slot, ending);
    slot.nearEndLeadMs = this.startLatencyMs;
    slot.onNearEnd = () => this.preroll(playing);
    const early = slot.endedEarly();
    if (early) queueMicrotask(() => this.onEnded(slot, early));
  }

  private retire(slot: Slot, afterMs: number): void {
    setTimeout(() => slot.release(), afterMs);
  }

  private onEnded(slot: Slot, ending: Ending): void {
    const cur = this.current;
    if (cur?.slot !== slot || cur.ended) return;
    this.endCurrent(ending);
    // A live stream that fails, or a stand-in whose stream is still down, hands over to the fallback.
    const standIn = ending.outcome === 'completed' && !cur.standIn ? null : this.standInFor(slot.res, cur.standIn, cur.shownAt);
    if (standIn && standIn.live.fallback && this.next?.recovers !== standIn) {
      this.dropNext();
      this.next = this.prepare(cur.index, 0, standIn.live.fallback, standIn);
    }
    void this.advance(this.generation);
  }

  /**
   * The stand-in to play after `res` failed or ended, or null when the live
   * slot is over. The slot lasts the live item's duration from when it was
   * due (`since`), whether the stream played part of it or none.
   */
  private standInFor(res: ResolvedItem, previous: StandIn | undefined, since = performance.now()): StandIn | null {
    if (previous) return performance.now() < previous.deadline ? previous : null;
    const item = res.item;
    if (item.kind !== 'hls' || item.mode !== 'live' || !res.fallback) return null;
    const s: StandIn = { live: res, deadline: since + item.duration * 1000 };
    this.probeLive(s);
    return s;
  }

  /** Try the stream while its fallback plays; when it answers again, switch back to it. */
  private probeLive(s: StandIn): void {
    const gen = this.generation;
    const timer = setInterval(() => {
      if (gen !== this.generation || performance.now() >= s.deadline) {
        clearInterval(timer);
        return;
      }
      const cur = this.current;
      if (!cur || cur.standIn !== s || cur.ended) return;
      if (!s.live.src) return;
      void fetch(liveUrl(s.live.src), { cache: 'no-store' }).then(
        (r) => {
          if (!r.ok || gen !== this.generation || this.current?.standIn !== s || this.current.ended) return;
          clearInterval(timer);
          const remaining = Math.max(1, (s.deadline - performance.now()) / 1000);
          const live = { ...s.live, item: { ...s.live.item, duration: remaining } } as ResolvedItem;
          this.dropNext();
          this.next = this.prepare(this.current.index, 0, live);
          const recovering = this.next;
          recovering.recovers = s;
          void recovering.ready.then(() => {
            if (recovering.failed || this.next !== recovering || this.current?.standIn !== s) return;
            this.current.slot.pause();
            this.endCurrent({ outcome: 'interrupted', reason: 'live stream recovered' });
            void this.advance(this.generation);
          });
        },
        () => undefined,
      );
    }, LIVE_PROBE_MS);
  }

  private endCurrent(ending: Ending): void {
    const cur = this.current;
    if (!cur || cur.ended) return;
    cur.ended = true;
    this.report('end', cur, ending);
  }

  private skip(p: Prepared, error: unknown): void {
    const playId = this.deps.newId();
    const playing: Playing = { slot: p.slot, index: p.index, playId, pass: p.pass, ended: true, entryId: p.entryId, shownAt: performance.now() };
    const stalled = error instanceof PlaybackError && error.code === 'STALLED';
    this.lastMove = playing.shownAt;
    this.report('start', playing);
    this.report('end', playing, { outcome: stalled ? 'skipped' : 'error', reason: reasonOf(error) });
    p.slot.release();
  }

  private checkStall(): void {
    const cur = this.current;
    if (!cur || cur.ended) {
      if (this.program && performance.now() - this.lastMove >= LOOP_STALL_MS) {
        this.recoveries++;
        this.host.dataset.recoveries = String(this.recoveries);
        console.warn(`pano: the ${this.deps.zone} loop stopped advancing for ${LOOP_STALL_MS / 1000} s; starting it again`);
        this.begin('watchdog: the loop stopped advancing');
      }
      return;
    }
    if (cur.slot.stalledFor(performance.now()) >= STALL_MS) {
      cur.slot.pause();
      this.onEnded(cur.slot, { outcome: 'skipped', reason: `STALLED: no frame for ${STALL_MS / 1000} s` });
    }
  }

  private report(phase: 'start' | 'end', p: Playing, ending?: Ending): void {
    const language = this.deps.languageOf(p.slot.res, p.pass);
    this.deps.report({
      phase,
      playId: p.playId,
      res: p.slot.res,
      zone: this.deps.zone,
      ...(p.entryId !== undefined ? { entryId: p.entryId } : {}),
      ...(language !== undefined ? { language } : {}),
      ...(ending ? { ending } : {}),
    });
  }

  /** Stop for good (black screen, unmount): the playing item ends as interrupted. */
  destroy(reason: string): void {
    this.generation++;
    clearInterval(this.watchdog);
    this.endCurrent({ outcome: 'interrupted', reason });
    this.current?.slot.release();
    this.current = null;
    this.dropNext();
    this.program = null;
  }
}

const isVideo = (slot: Slot) => slot.res.item.kind === 'video' || slot.res.item.kind === 'hls';

function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PlaybackError('STALLED', message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

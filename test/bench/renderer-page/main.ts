/**
 * The bench page: drives the real ZoneEngine (and a naive one-<video>
 * baseline) over the same items, and measures every boundary from presented
 * frames (requestVideoFrameCallback) and rendering ticks (requestAnimationFrame).
 */
import { TimedSlot } from '../../../renderer/playback/timed-slot.ts';
import type { ResolvedItem, Slot } from '../../../renderer/playback/types.ts';
import { VideoSlot } from '../../../renderer/playback/video-slot.ts';
import { ZoneEngine } from '../../../renderer/playback/zone-engine.ts';

export interface BenchItem {
  kind: 'video' | 'image';
  src: string;
  /** Seconds, for images. */
  duration?: number;
  /** How this item comes on (default a cut). */
  fadeMs?: number;
}

export interface Boundary {
  from: 'video' | 'image';
  to: 'video' | 'image';
  /** Time between the outgoing's last frame and the incoming's first, minus one frame. */
  extraMs: number;
  /** Rendering ticks in the boundary where the visible element had no picture. */
  black: number;
}

const VIDEO_FRAME_MS = 1000 / 30;
const host = document.getElementById('host')!;

/** Rendering ticks, each flagged black or not, for the whole run. */
function tickRecorder(isBlack: () => boolean) {
  const ticks: { t: number; black: boolean }[] = [];
  let on = true;
  const loop = (t: number) => {
    if (!on) return;
    ticks.push({ t, black: isBlack() });
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  return {
    ticks,
    stop: () => {
      on = false;
    },
  };
}

function hasPicture(el: Element | null | undefined): boolean {
  if (el instanceof HTMLVideoElement) return el.readyState >= 2 && el.hasAttribute('src');
  if (el instanceof HTMLImageElement) return el.complete && el.naturalWidth > 0;
  return false;
}

function boundaries(shows: { kind: 'video' | 'image'; first: number; last: number }[], ticks: { t: number; black: boolean }[], refreshMs: number): Boundary[] {
  const out: Boundary[] = [];
  for (let i = 1; i < shows.length; i++) {
    const a = shows[i - 1]!;
    const b = shows[i]!;
    // A video's last frame is due to stay up one video frame; a still is due to go at its end time.
    const frame = a.kind === 'video' ? VIDEO_FRAME_MS : refreshMs;
    const black = ticks.filter((k) => k.black && k.t > a.last && k.t <= b.first).length;
    out.push({ from: a.kind, to: b.kind, extraMs: Math.max(0, b.first - a.last - frame), black });
  }
  return out;
}

function refreshInterval(ticks: { t: number }[]): number {
  const d = ticks.slice(1).map((k, i) => k.t - ticks[i]!.t).sort((x, y) => x - y);
  return d[Math.floor(d.length / 2)] ?? 16.7;
}

function resolved(items: BenchItem[]): ResolvedItem[] {
  return items.map((it, i) => ({
    id: `i${i}`,
    channel: 'bench',
    playlistVersion: 1,
    item:
      it.kind === 'video'
        ? { kind: 'video', asset: `a${i}`, volume: 0, fit: 'contain' }
        : { kind: 'image', asset: `a${i}`, duration: it.duration ?? 0.5, fit: 'contain' },
    src: it.src,
    subtitles: [],
    subtitlePreference: [],
    transition: it.fadeMs ? { type: 'fade', ms: it.fadeMs } : { type: 'cut', ms: 0 },
  }));
}

function makeSlot(res: ResolvedItem): Slot {
  if (res.item.kind === 'image') return new TimedSlot(res, res.item.duration, { image: res.src!, fit: 'contain', alt: '' });
  return new VideoSlot(res, { zone: 'main', startAt: 0, mediaUrl: () => undefined, now: () => new Date() });
}

/** The engine: stops after `count` boundaries. */
async function engine(items: BenchItem[], count: number): Promise<Boundary[]> {
  host.replaceChildren();
  const shows: { kind: 'video' | 'image'; first: number; last: number; el: HTMLElement }[] = [];
  const showOf = (el: HTMLElement) => shows.find((s) => s.el === el);
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const node of Array.from(r.addedNodes)) {
        const video = (node as HTMLElement).querySelector?.('video');
        if (!video) continue;
        const slotEl = node as HTMLElement;
        const onFrame = (now: number) => {
          if (!slotEl.isConnected) return;
          const show = showOf(slotEl);
          if (!video.paused && show) {
            if (show.first === 0) show.first = now;
            show.last = now;
          } else if (!video.paused && !pending.has(slotEl)) {
            // Raised in this same task (the engine reveals on this frame)? Then this frame is the first one seen.
            pending.set(slotEl, now);
            sameTask.add(slotEl);
            setTimeout(() => sameTask.delete(slotEl), 0);
          }
          video.requestVideoFrameCallback(onFrame);
        };
        video.requestVideoFrameCallback(onFrame);
      }
      if (r.type === 'attributes' && (r.target as HTMLElement).dataset.state === 'current') {
        const el = r.target as HTMLElement;
        const isVideo = !!el.querySelector('video');
        const first = sameTask.has(el) ? (pending.get(el) ?? 0) : 0;
        const show = { kind: isVideo ? ('video' as const) : ('image' as const), first, last: 0, el };
        shows.push(show);
        if (!isVideo) requestAnimationFrame((t) => (show.first = t));
      }
    }
  });
  // The first frame of a video comes before it is marked current (it is raised on that frame).
  const pending = new Map<HTMLElement, number>();
  const sameTask = new Set<HTMLElement>();
  observer.observe(host, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state'] });
  const ticks = tickRecorder(() => {
    const visible = Array.from(host.children).filter((c) => ['current', 'leaving'].includes((c as HTMLElement).dataset.state ?? ''));
    const top = visible.sort((x, y) => Number((y as HTMLElement).style.zIndex) - Number((x as HTMLElement).style.zIndex))[0];
    return !top || !hasPicture(top.querySelector('video, img'));
  });
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const e = new ZoneEngine(host, {
    zone: 'main',
    makeSlot,
    newId: () => crypto.randomUUID(),
    languageOf: () => undefined,
    report: (r) => {
      if (r.phase === 'end') {
        const show = shows[shows.length - 1];
        if (show && show.kind === 'image') show.last = performance.now();
        if (shows.length > count) done();
      }
    },
  });
  e.setProgram({ key: 'bench', items: resolved(items) }, true);
  await finished;
  e.destroy('bench over');
  observer.disconnect();
  ticks.stop();
  return boundaries(shows.slice(0, count + 1), ticks.ticks, refreshInterval(ticks.ticks));
}

/** The naive player: one <video> whose src is swapped on `ended`, one <img> shown when its turn comes. */
async function naive(items: BenchItem[], count: number): Promise<Boundary[]> {
  host.replaceChildren();
  const video = document.createElement('video');
  video.muted = true;
  const img = document.createElement('img');
  host.append(video, img);
  const shows: { kind: 'video' | 'image'; first: number; last: number }[] = [];
  const ticks = tickRecorder(() => (video.style.display !== 'none' ? !hasPicture(video) : !hasPicture(img)));
  const onFrame = (now: number) => {
    const show = shows[shows.length - 1];
    if (show?.kind === 'video' && !video.paused) {
      if (show.first === 0) show.first = now;
      show.last = now;
    }
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  for (let n = 0; n <= count; n++) {
    const it = items[n % items.length]!;
    if (it.kind === 'video') {
      const show = { kind: 'video' as const, first: 0, last: 0 };
      shows.push(show);
      img.style.display = 'none';
      video.style.display = '';
      video.src = it.src;
      await video.play();
      await new Promise((r) => video.addEventListener('ended', r, { once: true }));
    } else {
      const show = { kind: 'image' as const, first: 0, last: 0 };
      shows.push(show);
      video.style.display = 'none';
      img.style.display = '';
      img.src = `${it.src}?n=${n}`; // as a naive player would: no decode() before showing
      const seen = (t: number) => (hasPicture(img) ? (show.first = t) : requestAnimationFrame(seen));
      requestAnimationFrame(seen);
      await new Promise((r) => setTimeout(r, (it.duration ?? 0.5) * 1000));
      show.last = performance.now();
    }
  }
  ticks.stop();
  video.removeAttribute('src');
  video.load();
  return boundaries(shows, ticks.ticks, refreshInterval(ticks.ticks));
}

/**
 * Another naive player: a new <video> per clip, put in place of the old one
 * when the old one ends (what a page that re-renders per item does).
 */
async function naiveReplace(items: BenchItem[], count: number): Promise<void> {
  host.replaceChildren();
  for (let n = 0; n <= count; n++) {
    const it = items[n % items.length]!;
    const video = document.createElement('video');
    video.muted = true;
    video.style.cssText = 'position:absolute;inset:0;width:100%;height:100%';
    video.src = it.src;
    host.replaceChildren(video);
    await video.play();
    await new Promise((r) => video.addEventListener('ended', r, { once: true }));
  }
  host.replaceChildren();
}

/** Soak: run the engine until stopped; counts transitions; tracks every <video> it made with a WeakRef. */
function soak(items: BenchItem[]) {
  host.replaceChildren();
  const videos: WeakRef<HTMLVideoElement>[] = [];
  let transitions = 0;
  let onStart: (() => void) | null = null;
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const n of Array.from(r.addedNodes)) {
      const v = (n as HTMLElement).querySelector?.('video');
      if (v) videos.push(new WeakRef(v));
    }
  });
  observer.observe(host, { childList: true });
  const e = new ZoneEngine(host, {
    zone: 'main',
    makeSlot,
    newId: () => crypto.randomUUID(),
    languageOf: () => undefined,
    report: (r) => {
      if (r.phase === 'start') {
        transitions++;
        onStart?.();
      }
    },
  });
  e.setProgram({ key: 'soak', items: resolved(items) }, true);
  return {
    transitions: () => transitions,
    /** Media elements still alive after GC but no longer in the document. */
    detached: () => videos.filter((w) => {
      const v = w.deref();
      return v !== undefined && !v.isConnected;
    }).length,
    alive: () => videos.filter((w) => w.deref() !== undefined).length,
    /**
     * Resolves once the next item has started and the one it replaced was
     * released (a cut retires it on the next task): the moment between
     * transitions when every element out of the document must be garbage.
     */
    settled: () =>
      new Promise<void>((resolve) => {
        onStart = () => {
          onStart = null;
          setTimeout(() => setTimeout(resolve, 0), 0);
        };
      }),
    stop: () => {
      e.destroy('soak over');
      observer.disconnect();
    },
  };
}

declare global {
  interface Window {
    bench: { engine: typeof engine; naive: typeof naive; naiveReplace: typeof naiveReplace; soak: typeof soak };
  }
}
window.bench = { engine, naive, naiveReplace, soak };

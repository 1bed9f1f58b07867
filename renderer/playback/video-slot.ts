import type HlsType from 'hls.js';
import { placeCueRows } from './cue-layout.ts';
import { firstFrame, HLS_CONFIG, liveUrl, loadHls, nextVideoFrame, releaseMedia } from './media.ts';
import { masterVolume, onMasterVolume } from './master-volume.ts';
import { PlaybackError, type Ending, type ResolvedItem, type Slot, type SlotContext } from './types.ts';

const FALLBACK_FRAME = 1 / 30;

/**
 * A video (MP4/WebM) or HLS stream in its own <video>. It ends itself on the
 * clip's last presented frame (so the next element can start right then),
 * at the item's duration, on an error, or never (the engine's watchdog).
 */
export class VideoSlot implements Slot {
  readonly el: HTMLElement;
  readonly res: ResolvedItem;
  onEnd: ((ending: Ending) => void) | null = null;
  onNearEnd: (() => void) | null = null;
  nearEndLeadMs = 0;
  private nearFired = false;
  private frameHandle = 0;
  private readonly video: HTMLVideoElement;
  private readonly ctx: SlotContext;
  private hls: HlsType | null = null;
  private ended = false;
  private started = false;
  private lastProgress = 0;
  private frame = FALLBACK_FRAME;
  private lastMediaTime = -1;
  private readonly timers: ReturnType<typeof setTimeout>[] = [];
  private readonly abort = new AbortController();

  constructor(res: ResolvedItem, ctx: SlotContext) {
    this.res = res;
    this.ctx = ctx;
    this.el = document.createElement('div');
    this.el.className = 'slot';
    this.video = document.createElement('video');
    const item = res.item;
    this.setVolume();
    // Removed by the abort in release(), with the element's listeners.
    this.abort.signal.addEventListener('abort', onMasterVolume(() => this.setVolume()));
    this.video.playsInline = true;
    this.video.preload = 'auto';
    this.video.disablePictureInPicture = true;
    this.video.style.objectFit = item.kind === 'video' || item.kind === 'hls' ? item.fit : 'contain';
    for (const s of res.subtitles) {
      const track = document.createElement('track');
      track.kind = 'subtitles';
      track.srclang = s.lang;
      track.label = s.lang;
      track.src = s.src;
      this.video.append(track);
    }
    this.el.append(this.video);
  }

  /** The item's own volume times the screen's master volume; silent means muted (no autoplay question). */
  private setVolume(): void {
    const item = this.res.item;
    const volume = (item.kind === 'video' || item.kind === 'hls' ? item.volume : 0) * masterVolume();
    this.video.muted = volume === 0;
    this.video.volume = volume;
  }

  /** Length the item plays: its own duration, or the clip's. */
  private limit(): number {
    const item = this.res.item;
    const own = item.kind === 'video' || item.kind === 'hls' ? item.duration : undefined;
    return own ?? (Number.isFinite(this.video.duration) ? this.video.duration : Infinity);
  }

  private isLive(): boolean {
    return this.res.item.kind === 'hls' && this.res.item.mode === 'live';
  }

  async prepare(): Promise<void> {
    const src = this.res.src;
    if (!src) throw new PlaybackError('PLAYBACK_FAILED', `no media URL for ${this.res.id}`);
    const ready = new Promise<void>((resolve, reject) => {
      const signal = this.abort.signal;
      const check = () => {
        if (this.video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) resolve();
      };
      this.video.addEventListener('loadeddata', check, { signal });
      this.video.addEventListener('canplay', check, { signal });
      this.video.addEventListener('error', () => reject(mediaError(this.video)), { signal });
    });
    if (this.res.item.kind === 'hls') await this.attachHls(liveUrl(src));
    else this.video.src = src;
    if (this.ctx.startAt > 0) this.video.currentTime = this.ctx.startAt;
    await ready;
    this.showSubtitles();
  }

  private async attachHls(src: string): Promise<void> {
    const Hls = await loadHls();
    if (!Hls.isSupported()) {
      this.video.src = src;
      return;
    }
    const hls = new Hls({ ...HLS_CONFIG, startPosition: this.ctx.startAt > 0 ? this.ctx.startAt : -1 });
    this.hls = hls;
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) return;
      const error = new PlaybackError('PLAYBACK_FAILED', `HLS ${data.type}: ${data.details}`);
      this.video.dispatchEvent(new CustomEvent('hlsfatal', { detail: error }));
    });
    hls.loadSource(src);
    hls.attachMedia(this.video);
    const signal = this.abort.signal;
    await new Promise<void>((resolve, reject) => {
      this.video.addEventListener('hlsfatal', (e) => reject((e as CustomEvent<PlaybackError>).detail), { signal });
      this.video.addEventListener('loadeddata', () => resolve(), { signal });
    });
    this.video.addEventListener('hlsfatal', (e) => this.finish({ outcome: 'error', reason: reasonOf((e as CustomEvent<PlaybackError>).detail) }), { signal });
  }

  /** Shows this pass's languages (ctx.subtitles, top to bottom); other tracks stay disabled and are never fetched. */
  private showSubtitles(): void {
    const shown = this.ctx.subtitles ?? [];
    const rows: HTMLTrackElement[] = [];
    for (const el of Array.from(this.video.querySelectorAll('track'))) {
      const row = shown.indexOf(el.srclang);
      el.track.mode = row >= 0 ? 'showing' : 'disabled';
      if (row >= 0) rows[row] = el;
    }
    // Rows are placed together: the upper one sits on the lower one's cues, so every track must be loaded.
    const signal = this.abort.signal;
    const loaded = rows.map((el) =>
      el.readyState === HTMLTrackElement.LOADED
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            el.addEventListener('load', () => resolve(), { signal });
            el.addEventListener('error', () => resolve(), { signal });
          }),
    );
    void Promise.all(loaded).then(() => {
      if (!signal.aborted) placeCueRows(this.video, rows.filter(Boolean).map((el) => el.track));
    });
  }

  async start(): Promise<void> {
    const signal = this.abort.signal;
    this.video.addEventListener('ended', () => this.finish({ outcome: 'completed' }), { signal });
    this.video.addEventListener('error', () => this.finish({ outcome: 'error', reason: reasonOf(mediaError(this.video)) }), { signal });
    this.video.addEventListener('timeupdate', () => this.progress(this.video.currentTime), { signal });
    this.lastProgress = performance.now();
    this.started = true;
    const shown = firstFrame(this.video, signal);
    await this.video.play().catch((error: Error) => {
      throw new PlaybackError('PLAYBACK_FAILED', `play() refused: ${error.message}`);
    });
    if (this.isLive() || this.res.item.kind === 'hls') this.armDuration();
    this.watchFrames();
    await shown;
  }

  /** A live stream (and a cut HLS) ends on a timer: it has no last frame to wait for. */
  private armDuration(): void {
    const d = this.limit();
    if (Number.isFinite(d)) this.timers.push(setTimeout(() => this.finish({ outcome: 'completed' }), Math.max(0, d - this.ctx.startAt) * 1000));
  }

  private watchFrames(): void {
    if (!('requestVideoFrameCallback' in this.video)) return;
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      this.frameHandle = 0;
      if (this.ended) return;
      this.progress(meta.mediaTime);
      if (!this.isLive()) {
        const leftMs = (this.limit() - meta.mediaTime) * 1000;
        if (!this.nearFired && leftMs - this.frame * 1000 <= this.nearEndLeadMs) {
          this.nearFired = true;
          this.onNearEnd?.();
        }
        // The last frame is on screen: end when its time is up, so whatever comes next replaces it on time.
        if (meta.mediaTime + this.frame * 1.5 >= this.limit()) {
          this.timers.push(setTimeout(() => this.finish({ outcome: 'completed' }), Math.max(0, this.frame * 1000 - 4)));
          return;
        }
      }
      this.frameHandle = this.video.requestVideoFrameCallback(onFrame);
    };
    this.frameHandle = this.video.requestVideoFrameCallback(onFrame);
  }

  private progress(mediaTime: number): void {
    if (mediaTime !== this.lastMediaTime) {
      const step = mediaTime - this.lastMediaTime;
      if (this.lastMediaTime >= 0 && step > 0.004 && step < 0.1) this.frame = Math.min(this.frame, step);
      this.lastMediaTime = mediaTime;
      this.lastProgress = performance.now();
    }
  }

  private early: Ending | null = null;

  private finish(ending: Ending): void {
    if (this.ended || !this.started) return;
    this.ended = true;
    if (this.onEnd) this.onEnd(ending);
    else this.early = ending;
  }

  endedEarly(): Ending | null {
    return this.early;
  }

  drawn(): Promise<void> {
    return nextVideoFrame(this.video, 250);
  }

  stalledFor(nowMs: number): number {
    if (!this.started || this.ended || this.video.paused) return 0;
    return nowMs - this.lastProgress;
  }

  position(): number {
    return this.video.currentTime;
  }

  pause(): void {
    this.ended = true;
    this.video.pause();
  }

  release(): void {
    this.onEnd = null;
    this.onNearEnd = null;
    this.ended = true;
    this.abort.abort();
    for (const t of this.timers) clearTimeout(t);
    if (this.frameHandle) this.video.cancelVideoFrameCallback(this.frameHandle);
    this.hls?.destroy();
    this.hls = null;
    releaseMedia(this.video);
    this.el.remove();
  }
}

function mediaError(video: HTMLVideoElement): PlaybackError {
  const e = video.error;
  return new PlaybackError('PLAYBACK_FAILED', e ? `media error ${e.code}${e.message ? `: ${e.message}` : ''}` : 'media error');
}

export function reasonOf(error: unknown): string {
  if (error instanceof PlaybackError) return `${error.code}: ${error.message}`.slice(0, 500);
  return `PLAYBACK_FAILED: ${(error as Error)?.message ?? String(error)}`.slice(0, 500);
}

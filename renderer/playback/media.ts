import type HlsType from 'hls.js';

/** Stop a media element and drop its decoder and buffers now, not at the next GC. */
export function releaseMedia(video: HTMLMediaElement): void {
  video.pause();
  video.removeAttribute('src');
  for (const t of Array.from(video.querySelectorAll('track'))) t.remove();
  video.load();
  video.remove();
}

let hlsModule: Promise<typeof HlsType> | null = null;

/** hls.js is only fetched when a playlist has HLS items. */
export function loadHls(): Promise<typeof HlsType> {
  hlsModule ??= import('hls.js').then((m) => m.default);
  return hlsModule;
}

/**
 * A live stream's URL as the page may fetch it: through the core's /live/
 * relay, which allows exactly the live origins of the playlist playing now
 * (the page's CSP allows no other origin). Same-origin URLs stay as they are.
 */
export function liveUrl(url: string): string {
  const u = new URL(url, location.href);
  if (u.origin === location.origin || (u.protocol !== 'http:' && u.protocol !== 'https:')) return u.href;
  return `${location.origin}/live/${u.protocol.slice(0, -1)}/${u.host}${u.pathname}${u.search}`;
}

/** Bounded buffers: a screen plays for weeks, memory must not creep. */
export const HLS_CONFIG = {
  // Relative URLs resolve under /live/ already; absolute ones in a manifest (a CDN) are relayed too.
  xhrSetup: (xhr: XMLHttpRequest, url: string) => {
    const relayed = liveUrl(url);
    if (relayed !== url) xhr.open('GET', relayed, true);
  },
  backBufferLength: 10,
  maxBufferLength: 20,
  maxMaxBufferLength: 30,
  liveSyncDurationCount: 3,
  // The core's CSP allows no blob: workers; transmuxing inline is cheap for these streams.
  enableWorker: false,
  manifestLoadPolicy: {
    default: {
      maxTimeToFirstByteMs: 4_000,
      maxLoadTimeMs: 4_000,
      timeoutRetry: { maxNumRetry: 0, retryDelayMs: 0, maxRetryDelayMs: 0 },
      errorRetry: { maxNumRetry: 0, retryDelayMs: 0, maxRetryDelayMs: 0 },
    },
  },
} as const;

/**
 * Resolves on the first frame the compositor presents (requestVideoFrameCallback),
 * with a fallback on 'timeupdate'. The pending callback is cancelled either way:
 * a callback left pending keeps a released <video> alive.
 */
export function firstFrame(video: HTMLVideoElement, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    let handle = 0;
    const finish = () => {
      if (done) return;
      done = true;
      video.removeEventListener('timeupdate', onTime);
      if (handle) video.cancelVideoFrameCallback(handle);
      resolve();
    };
    const onTime = () => {
      if (video.currentTime > 0) requestAnimationFrame(finish);
    };
    video.addEventListener('timeupdate', onTime, { signal });
    signal.addEventListener('abort', finish);
    if ('requestVideoFrameCallback' in video) {
      handle = video.requestVideoFrameCallback(() => {
        handle = 0;
        finish();
      });
    }
  });
}

/** The next rendered frame has been produced (two rAFs: the first runs before that frame is drawn). */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/** The next frame of `video` the compositor presents, then that frame drawn; at most `limitMs` (a paused or ended video presents none). */
export function nextVideoFrame(video: HTMLVideoElement, limitMs: number): Promise<void> {
  return new Promise((resolve) => {
    let handle = 0;
    const done = () => {
      clearTimeout(timer);
      if (handle) video.cancelVideoFrameCallback(handle);
      handle = 0;
      resolve();
    };
    const timer = setTimeout(done, limitMs);
    if (!('requestVideoFrameCallback' in video) || video.paused || video.ended) return void nextPaint().then(done);
    handle = video.requestVideoFrameCallback(() => {
      handle = 0;
      void nextPaint().then(done);
    });
  });
}

import type { Item, LanguageMode, Transition } from '../../playlists/schemas/items.ts';
import type { PlayOutcome } from '../../playlists/schemas/reports.ts';
import type { ZoneRole } from '../../playlists/schemas/layouts.ts';

/** An item with everything needed to play it: URLs from the core, hashes for reports. */
export interface ResolvedItem {
  id: string;
  item: Item;
  /** The playlist this item came from: its play record names it, even if a newer one arrives mid-play. */
  channel: string;
  playlistVersion: number;
  /** Media URL on the local API (or the live stream's own URL). */
  src?: string;
  sha256?: string;
  /** Every subtitle track of the item the core has a URL for; which ones show is decided per pass (subtitles.ts). */
  subtitles: { lang: string; src: string }[];
  /** The language mode that applies (the item's, else the playlist's defaults.languages). */
  languages?: LanguageMode;
  /** The playlist's defaults.subtitles: languages switched on, in order of preference. */
  subtitlePreference: string[];
  /** For live HLS: what plays while the stream is down. */
  fallback?: ResolvedItem;
  transition: Transition;
}

/** How an item ended, as reported in its play event. */
export interface Ending {
  outcome: PlayOutcome;
  reason?: string;
}

/** One prepared element (video, image, slide…) in a zone. */
export interface Slot {
  readonly el: HTMLElement;
  readonly res: ResolvedItem;
  /** Loads and decodes enough to show the first frame at once; rejects when the item cannot play. */
  prepare(): Promise<void>;
  /** Starts playback; resolves once the first frame is on screen (or at once for still content). */
  start(): Promise<void>;
  /** Called once when the item ends by itself or fails. */
  onEnd: ((ending: Ending) => void) | null;
  /**
   * How it ended if it did so before onEnd was set (a short clip started
   * early can finish before it is raised); null otherwise.
   */
  endedEarly(): Ending | null;
  /**
   * Called once when `nearEndLeadMs` or less is left before the item ends by
   * itself: the engine starts the next video then, so its first frame lands
   * right after this item's last one.
   */
  onNearEnd: (() => void) | null;
  nearEndLeadMs: number;
  /**
   * Resolves once the element, now raised over the outgoing one, has been
   * drawn: a video on its next presented frame, a still after the next
   * rendered frame. Only then may the outgoing element go (a cut must never
   * uncover the black slot behind them).
   */
  drawn(): Promise<void>;
  /** Milliseconds since the item last showed progress (frames); 0 for still content. */
  stalledFor(nowMs: number): number;
  /** Seconds into the item, for resuming after an interrupt. */
  position(): number;
  /** Stops sound and playback without releasing (the element still shows its frame). */
  pause(): void;
  /** Frees every resource: media buffers, hls.js instances, React roots. */
  release(): void;
}

/** What a slot factory gets: the zone's language and rendering helpers. */
export interface SlotContext {
  zone: ZoneRole;
  mediaUrl(assetId: string): string | undefined;
  /** Resume offset in seconds (videos). */
  startAt: number;
  /** Subtitle languages to show on this pass, top to bottom (videos). */
  subtitles?: string[];
  /** Wall-clock now (corrected), for countdowns. */
  now(): Date;
}

export class PlaybackError extends Error {
  readonly code: 'PLAYBACK_FAILED' | 'STALLED';
  constructor(code: 'PLAYBACK_FAILED' | 'STALLED', message: string) {
    super(message);
    this.code = code;
  }
}

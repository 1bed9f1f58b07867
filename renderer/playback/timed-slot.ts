import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { nextPaint } from './media.ts';
import { PlaybackError, type Ending, type ResolvedItem, type Slot } from './types.ts';

/**
 * Still content shown for a fixed time: an image (decoded before it is shown)
 * or a React-rendered slide or ticker (its images decoded too).
 */
export class TimedSlot implements Slot {
  readonly el: HTMLElement;
  readonly res: ResolvedItem;
  onEnd: ((ending: Ending) => void) | null = null;
  onNearEnd: (() => void) | null = null;
  nearEndLeadMs = 0;
  private nearTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly seconds: number;
  private readonly content: { image: string; fit: string; alt: string } | { node: ReactNode };
  private root: Root | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private startedAt = 0;
  private done = false;

  constructor(res: ResolvedItem, seconds: number, content: { image: string; fit: string; alt: string } | { node: ReactNode }) {
    this.res = res;
    this.seconds = seconds;
    this.content = content;
    this.el = document.createElement('div');
    this.el.className = 'slot';
  }

  async prepare(): Promise<void> {
    if ('image' in this.content) {
      const img = document.createElement('img');
      img.alt = this.content.alt;
      img.draggable = false;
      img.style.objectFit = this.content.fit;
      img.src = this.content.image;
      this.el.append(img);
      await img.decode().catch(() => {
        throw new PlaybackError('PLAYBACK_FAILED', `image ${this.res.id} cannot be decoded`);
      });
      return;
    }
    this.root = createRoot(this.el);
    const root = this.root;
    const node = this.content.node;
    flushSync(() => root.render(node));
    // Images inside a slide are decoded before the slide is shown; a broken one only loses itself.
    await Promise.all(Array.from(this.el.querySelectorAll('img'), (img) => img.decode().catch(() => img.remove())));
  }

  start(): Promise<void> {
    this.startedAt = performance.now();
    this.nearTimer = setTimeout(() => !this.done && this.onNearEnd?.(), Math.max(0, this.seconds * 1000 - this.nearEndLeadMs));
    this.timer = setTimeout(() => {
      if (this.done) return;
      this.done = true;
      this.onEnd?.({ outcome: 'completed' });
    }, this.seconds * 1000);
    return Promise.resolve();
  }

  endedEarly(): Ending | null {
    // Its timer starts in start(), which the engine calls right before raising it.
    return null;
  }

  drawn(): Promise<void> {
    return nextPaint();
  }

  stalledFor(): number {
    return 0;
  }

  position(): number {
    return this.startedAt ? (performance.now() - this.startedAt) / 1000 : 0;
  }

  pause(): void {
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.nearTimer) clearTimeout(this.nearTimer);
  }

  release(): void {
    this.onEnd = null;
    this.onNearEnd = null;
    this.pause();
    const root = this.root;
    this.root = null;
    // Unmounting during a React render is refused; defer to a task.
    if (root) setTimeout(() => root.unmount(), 0);
    for (const img of Array.from(this.el.querySelectorAll('img'))) img.removeAttribute('src');
    this.el.remove();
  }
}

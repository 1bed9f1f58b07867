import { useLayoutEffect, useRef, useState } from 'react';
import type { TickerSegment } from './ticker-text.ts';

/** Reference height the ticker speed is given for (1080p). */
const REFERENCE_HEIGHT = 1080;

export interface TickerStripProps {
  /** One cycle of text (every pass, every language); repeated to fill the zone. */
  segments: TickerSegment[];
  /** px/s at 1080p. */
  speed: number;
}

/**
 * A scrolling line of messages. The cycle is repeated so the screen is always
 * full, and the strip is moved by one cycle's width with a single endless
 * transform animation (Web Animations): it runs on the compositor, so there is
 * no layout per frame, no stutter when the main thread is busy, and no restart
 * (a new animation per pass, started from a React update, held the strip
 * still for a frame or more at every pass). Where a copy ends the next one
 * begins with the same text, so the jump back to 0 cannot be seen.
 */
export function TickerStrip({ segments, speed }: TickerStripProps) {
  const box = useRef<HTMLDivElement>(null);
  const strip = useRef<HTMLDivElement>(null);
  const copy = useRef<HTMLSpanElement>(null);
  const [copies, setCopies] = useState(2);
  // The width of one copy, kept current by a ResizeObserver: fonts that load late change it.
  const [width, setWidth] = useState(0);
  const key = JSON.stringify(segments);

  useLayoutEffect(() => {
    const one = copy.current;
    if (!one) return;
    setWidth(one.getBoundingClientRect().width);
    const observer = new ResizeObserver(() => setWidth(one.getBoundingClientRect().width));
    observer.observe(one);
    return () => observer.disconnect();
  }, [key]);

  useLayoutEffect(() => {
    const el = strip.current;
    const container = box.current;
    if (!el || !container || width <= 0) return;
    const needed = Math.max(2, Math.ceil(container.clientWidth / width) + 1);
    if (needed !== copies) {
      setCopies(needed);
      return;
    }
    const pxPerSecond = speed * (window.innerHeight / REFERENCE_HEIGHT);
    const animation = el.animate([{ transform: 'translate3d(0,0,0)' }, { transform: `translate3d(${-width}px,0,0)` }], {
      duration: (width / pxPerSecond) * 1000,
      iterations: Infinity,
      easing: 'linear',
    });
    return () => animation.cancel();
  }, [key, speed, copies, width]);

  return (
    <div className="ticker" ref={box}>
      <div className="ticker-strip" ref={strip}>
        {Array.from({ length: copies }, (_, i) => (
          <span key={i} ref={i === 0 ? copy : undefined} className="ticker-copy" aria-hidden={i > 0}>
            {segments.map((s, j) => (
              <span key={j} className="ticker-segment" lang={s.lang}>
                {s.text}
              </span>
            ))}
          </span>
        ))}
      </div>
    </div>
  );
}

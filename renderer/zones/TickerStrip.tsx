import { useLayoutEffect, useRef, useState } from 'react';
import type { TickerItem } from '../../playlists/schemas/items.ts';
import { pickText } from '../i18n/index.ts';

/** Reference height the ticker speed is given for (1080p). */
const REFERENCE_HEIGHT = 1080;

export interface TickerStripProps {
  items: TickerItem[];
  /** Chains for the current pass (rotate switches language on every pass). */
  chains: string[][];
  /** Called at the end of every full pass of the messages. */
  onPass?: () => void;
}

/**
 * A scrolling line of messages. The strip is repeated so the screen is always
 * full, and moved with a transform animation (Web Animations), which runs on
 * the compositor: no layout per frame, no stutter when the main thread is busy.
 */
export function TickerStrip({ items, chains, onPass }: TickerStripProps) {
  const box = useRef<HTMLDivElement>(null);
  const strip = useRef<HTMLDivElement>(null);
  const copy = useRef<HTMLSpanElement>(null);
  const [copies, setCopies] = useState(2);
  const [pass, setPass] = useState(0);
  const chain = chains[0] ?? [];
  const text = items
    .flatMap((item) => item.messages.map((m) => pickText(m, chain) + item.separator))
    .join('');
  const speed = items[0]?.speed ?? 120;
  const passRef = useRef(onPass);
  passRef.current = onPass;

  useLayoutEffect(() => {
    const el = strip.current;
    const one = copy.current;
    const container = box.current;
    if (!el || !one || !container) return;
    const width = one.getBoundingClientRect().width;
    const needed = Math.max(2, Math.ceil(container.clientWidth / Math.max(1, width)) + 1);
    if (needed !== copies) {
      setCopies(needed);
      return;
    }
    const pxPerSecond = speed * (window.innerHeight / REFERENCE_HEIGHT);
    const animation = el.animate([{ transform: 'translate3d(0,0,0)' }, { transform: `translate3d(${-width}px,0,0)` }], {
      duration: (width / pxPerSecond) * 1000,
      iterations: 1,
      easing: 'linear',
    });
    // One pass = one copy scrolled by; the strip then looks exactly as at the start.
    animation.onfinish = () => {
      setPass((p) => p + 1);
      passRef.current?.();
    };
    return () => animation.cancel();
  }, [text, speed, copies, pass]);

  return (
    <div className="ticker" ref={box}>
      <div className="ticker-strip" ref={strip}>
        {Array.from({ length: copies }, (_, i) => (
          <span key={i} ref={i === 0 ? copy : undefined} className="ticker-copy" aria-hidden={i > 0}>
            {text}
          </span>
        ))}
      </div>
    </div>
  );
}

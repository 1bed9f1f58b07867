import { useEffect, useState, type ReactNode, type RefObject } from 'react';
import { ChevronDownIcon } from './icons.tsx';

/**
 * A page longer than the screen scrolls on purpose, and says so: while there
 * is more below, a fade and a chevron sit at the bottom edge (the desktop
 * scrollbar is hidden). Tapping the chevron scrolls most of a screen down.
 */
export function ScrollCue({ target }: { target: RefObject<HTMLElement | null> }): ReactNode {
  const [more, setMore] = useState(false);
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const update = () => setMore(el.scrollHeight - el.clientHeight - el.scrollTop > 4);
    update();
    const resized = new ResizeObserver(update);
    resized.observe(el);
    for (const child of el.children) resized.observe(child);
    el.addEventListener('scroll', update, { passive: true });
    return () => {
      resized.disconnect();
      el.removeEventListener('scroll', update);
    };
  }, [target]);
  if (!more) return null;
  return (
    <div className="pano-scroll-cue" data-testid="scroll-cue">
      <button
        type="button"
        className="pano-button pano-round pano-scroll-more"
        aria-hidden="true"
        tabIndex={-1}
        onClick={() => target.current?.scrollBy({ top: target.current.clientHeight * 0.8, behavior: 'smooth' })}
      >
        <ChevronDownIcon />
      </button>
    </div>
  );
}

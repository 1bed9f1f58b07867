import type { ReactNode } from 'react';

/**
 * Icons drawn by Pano as SVG: an emoji (🌐) depends on a colour emoji font
 * the screen may not have, and on Debian's Chromium it drew nothing at all.
 * Strokes use currentColor, so an icon takes its button's text colour.
 */
export function GlobeIcon({ className = 'pano-icon' }: { className?: string }): ReactNode {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false" data-icon="globe">
      <g fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
        <circle cx="12" cy="12" r="9.2" />
        <ellipse cx="12" cy="12" rx="4.2" ry="9.2" />
        <path d="M3.2 9h17.6M3.2 15h17.6M12 2.8v18.4" />
      </g>
    </svg>
  );
}

/** "More below": the chevron of the scroll cue. */
export function ChevronDownIcon({ className = 'pano-icon' }: { className?: string }): ReactNode {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false" data-icon="chevron-down">
      <path d="M5 9l7 7 7-7" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

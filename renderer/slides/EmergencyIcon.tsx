import type { ReactNode } from 'react';
import type { SlideItem } from '../../playlists/schemas/items.ts';

type Icon = Extract<SlideItem, { template: 'emergency' }>['fields']['icon'];

/** Pictograms drawn by the screen (no font or emoji needed), in the slide's foreground colour on its accent disc. */
const PATHS: Record<Icon, ReactNode> = {
  warning: (
    <>
      <path d="M32 6 L60 56 H4 Z" fill="var(--accent)" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
      <path d="M32 22 V40" stroke="#000" strokeWidth="6" strokeLinecap="round" />
      <circle cx="32" cy="48.5" r="3.6" fill="#000" />
    </>
  ),
  storm: (
    <>
      <circle cx="32" cy="32" r="28" fill="var(--accent)" />
      <path d="M32 14 a18 18 0 1 1 -16 10 M32 50 a18 18 0 1 1 16 -10" fill="none" stroke="#000" strokeWidth="5" strokeLinecap="round" />
      <circle cx="32" cy="32" r="5" fill="#000" />
    </>
  ),
  flood: (
    <>
      <circle cx="32" cy="32" r="28" fill="var(--accent)" />
      <path d="M18 30 L32 18 L46 30 M22 27 V36 H42 V27" fill="none" stroke="#000" strokeWidth="4" strokeLinejoin="round" />
      <path d="M10 42 q5.5 -5 11 0 t11 0 t11 0 t11 0 M10 50 q5.5 -5 11 0 t11 0 t11 0 t11 0" fill="none" stroke="#000" strokeWidth="4" strokeLinecap="round" />
    </>
  ),
  fire: (
    <>
      <circle cx="32" cy="32" r="28" fill="var(--accent)" />
      <path d="M32 10 C40 22 46 28 44 40 A12 12 0 0 1 20 40 C19 32 24 28 26 22 C28 28 30 30 32 30 C34 24 33 18 32 10 Z" fill="#000" />
    </>
  ),
};

export function EmergencyIcon({ icon }: { icon: Icon }): ReactNode {
  return (
    <svg className="emergency-icon" viewBox="0 0 64 64" aria-hidden="true" focusable="false" data-icon={icon}>
      {PATHS[icon]}
    </svg>
  );
}

import type { ReactNode } from 'react';

/** The calm branded frame of the player's own screens: never a blank page, never an error page. */
export function Brand({ title, lines, children, kind }: { title: string; lines: string[]; children?: ReactNode; kind: string }) {
  return (
    <div className={`brand brand-${kind}`} data-view={kind}>
      <div className="brand-mark" aria-hidden>
        Pano
      </div>
      <h1 className="brand-title">{title}</h1>
      {lines.map((l, i) => (
        <p className="brand-line" key={i}>
          {l}
        </p>
      ))}
      {children}
    </div>
  );
}

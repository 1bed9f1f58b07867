import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { PageBlock } from '../../../playlists/schemas/kiosk.ts';
import { Text, useKiosk, useText } from '../context.tsx';

type MapBlockData = Extract<PageBlock, { kind: 'map' }>;

/** A map image with numbered pins; a tapped pin shows its card, and a button to its page if it has one. */
export function MapBlock({ block }: { block: MapBlockData }): ReactNode {
  const { media, t, openPage, size } = useKiosk();
  const text = useText();
  const [selected, setSelected] = useState<string | null>(null);
  const src = media[block.asset];
  const point = block.points.find((p) => p.id === selected);
  const card = useRef<HTMLDivElement>(null);
  // A tapped pin's card opens in view, below the map: the visitor never has to look for it.
  // (A block, not an expression: Chromium's scrollIntoView returns a promise, which React would take for a cleanup.)
  useEffect(() => {
    void card.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <figure className="pano-figure pano-map">
      <div className="pano-map-canvas">
        {src && <img src={src} alt={t('mapTitle')} draggable={false} {...size(block.asset)} />}
        {block.points.map((p, i) => (
          <button
            key={p.id}
            type="button"
            className={`pano-map-pin${p.id === selected ? ' pano-map-pin-selected' : ''}`}
            style={{ left: `${p.x * 100}%`, top: `${p.y * 100}%` }}
            aria-label={`${i + 1}. ${text(p.title)}`}
            aria-pressed={p.id === selected}
            data-point={p.id}
            onClick={() => setSelected(p.id === selected ? null : p.id)}
          >
            {i + 1}
          </button>
        ))}
      </div>
      {point && (
        <div className="pano-map-card" data-testid="map-card" ref={card}>
          <Text as="h3" text={point.title} />
          {point.text && <Text as="p" text={point.text} />}
          {point.page && (
            <button type="button" className="pano-button pano-button-primary" onClick={() => openPage(point.page!)}>
              {t('openPage')}
            </button>
          )}
        </div>
      )}
    </figure>
  );
}

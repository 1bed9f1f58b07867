import { useRef, useState, type ReactNode } from 'react';
import type { LocalizedText } from '../../../playlists/schemas/common.ts';
import { Text, useKiosk, useText } from '../context.tsx';

/** Horizontal distance (CSS px) a finger must travel for a swipe. */
const SWIPE_PX = 60;

/** Photos one at a time: swipe left/right, or the large arrow buttons. */
export function Gallery({ images, pageId }: { images: { asset: string; caption?: LocalizedText | undefined }[]; pageId: string }): ReactNode {
  const { media, emit, t } = useKiosk();
  const text = useText();
  const [index, setIndex] = useState(0);
  const [drag, setDrag] = useState(0);
  const start = useRef<{ x: number; id: number } | null>(null);
  const count = images.length;

  const go = (next: number) => {
    const clamped = Math.max(0, Math.min(count - 1, next));
    setDrag(0);
    if (clamped === index) return;
    setIndex(clamped);
    emit('gallery', { page: pageId });
  };

  const current = images[index]!;
  return (
    <div className="pano-gallery" data-index={index} data-count={count}>
      <div
        className="pano-gallery-viewport"
        data-testid="gallery-viewport"
        onPointerDown={(e) => {
          start.current = { x: e.clientX, id: e.pointerId };
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          if (start.current?.id === e.pointerId) setDrag(e.clientX - start.current.x);
        }}
        onPointerUp={(e) => {
          if (start.current?.id !== e.pointerId) return;
          const dx = e.clientX - start.current.x;
          start.current = null;
          if (dx <= -SWIPE_PX) go(index + 1);
          else if (dx >= SWIPE_PX) go(index - 1);
          else setDrag(0);
        }}
        onPointerCancel={() => {
          start.current = null;
          setDrag(0);
        }}
      >
        <div className="pano-gallery-track" style={{ transform: `translateX(calc(${-index * 100}% + ${drag}px))` }}>
          {images.map((image, i) => {
            const src = media[image.asset];
            return (
              <div className="pano-gallery-slide" key={i} aria-hidden={i !== index}>
                {src && <img src={src} alt={text(image.caption)} draggable={false} />}
              </div>
            );
          })}
        </div>
      </div>
      <div className="pano-gallery-bar">
        <button type="button" className="pano-button pano-round" aria-label={t('galleryPrevious')} disabled={index === 0} onClick={() => go(index - 1)}>
          <span aria-hidden="true">‹</span>
        </button>
        <div className="pano-gallery-caption">
          {current.caption ? <Text as="span" text={current.caption} /> : null}
          <span className="pano-gallery-position" data-testid="gallery-position">{t('galleryPosition', { index: index + 1, count })}</span>
        </div>
        <button type="button" className="pano-button pano-round" aria-label={t('galleryNext')} disabled={index === count - 1} onClick={() => go(index + 1)}>
          <span aria-hidden="true">›</span>
        </button>
      </div>
    </div>
  );
}

import type { ReactNode } from 'react';
import { encode } from 'uqr';
import type { LocalizedText } from '../../../playlists/schemas/common.ts';
import { Text, useKiosk, useText } from '../context.tsx';

/**
 * A QR code drawn on the screen (no network) for visitors' phones. It is
 * never a link: the kiosk cannot leave the player.
 */
export function QrBlock({ url, caption }: { url: string; caption?: LocalizedText | undefined }): ReactNode {
  const { t } = useKiosk();
  const text = useText();
  const qr = encode(url, { ecc: 'M', border: 4 });
  let d = '';
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  const label = caption ? text(caption) : t('scanQr');
  return (
    <figure className="pano-qr">
      <svg viewBox={`0 0 ${qr.size} ${qr.size}`} shapeRendering="crispEdges" role="img" aria-label={label} data-qr={url}>
        <rect width={qr.size} height={qr.size} fill="#ffffff" />
        <path d={d} fill="#000000" />
      </svg>
      <figcaption>
        {caption && <Text as="strong" text={caption} />}
        <span>{t('scanQr')}</span>
      </figcaption>
    </figure>
  );
}

import { encode } from 'uqr';

/** A QR code drawn locally as SVG (no network), with the quiet zone scanners need. */
export function QrCode({ value, className }: { value: string; className?: string }) {
  const qr = encode(value, { ecc: 'M', border: 4 });
  let d = '';
  qr.data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) d += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return (
    <svg className={className} viewBox={`0 0 ${qr.size} ${qr.size}`} shapeRendering="crispEdges" role="img" aria-label={value} data-qr={value}>
      <rect width={qr.size} height={qr.size} fill="#ffffff" />
      <path d={d} fill="#000000" />
    </svg>
  );
}

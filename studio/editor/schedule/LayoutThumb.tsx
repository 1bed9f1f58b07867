import type { Layout } from '../../../playlists/schemas/layouts.ts';

const COLORS: Record<string, string> = { main: '#2f6f5a', side: '#c98a1b', ticker: '#1d4e89' };

/** A layout drawn to scale: 16:9 or 9:16, each zone in its place and colour. */
export function LayoutThumb({ layout, size = 96 }: { layout: Layout; size?: number }) {
  const portrait = layout.orientation === 'portrait';
  const w = portrait ? (size * 9) / 16 : size;
  const h = portrait ? size : (size * 9) / 16;
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true" className="layout-thumb">
      <rect x={0} y={0} width={w} height={h} fill={layout.background ?? '#000'} stroke="#555" />
      {Object.entries(layout.zones ?? {}).map(([id, z]) => (
        <rect key={id} x={z.x * w + 1} y={z.y * h + 1} width={Math.max(0, z.width * w - 2)} height={Math.max(0, z.height * h - 2)} fill={COLORS[z.role] ?? '#777'} rx={2} />
      ))}
    </svg>
  );
}

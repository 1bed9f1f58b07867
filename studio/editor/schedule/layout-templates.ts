import type { Layout } from '../../../playlists/schemas/layouts.ts';
import type { MessageKey } from '../../i18n/index.tsx';

/** The layouts an operator starts from; their ids are readable and stable, so picking one twice reuses it. */
export const LAYOUT_TEMPLATES: { id: string; label: MessageKey; layout: Layout }[] = [
  { id: 'fullscreen', label: 'layout.fullscreen', layout: { orientation: 'landscape', background: '#000000', zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 1 } } } },
  {
    id: 'landscape-ticker',
    label: 'layout.landscapeTicker',
    layout: { orientation: 'landscape', background: '#000000', zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 0.9 }, ticker: { role: 'ticker', x: 0, y: 0.9, width: 1, height: 0.1 } } },
  },
  {
    id: 'landscape-side',
    label: 'layout.landscapeSide',
    layout: {
      orientation: 'landscape',
      background: '#000000',
      zones: { main: { role: 'main', x: 0, y: 0, width: 0.7, height: 0.9 }, side: { role: 'side', x: 0.7, y: 0, width: 0.3, height: 0.9 }, ticker: { role: 'ticker', x: 0, y: 0.9, width: 1, height: 0.1 } },
    },
  },
  { id: 'portrait', label: 'layout.portrait', layout: { orientation: 'portrait', background: '#000000', zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 1 } } } },
  {
    id: 'portrait-ticker',
    label: 'layout.portraitTicker',
    layout: { orientation: 'portrait', background: '#000000', zones: { main: { role: 'main', x: 0, y: 0, width: 1, height: 0.92 }, ticker: { role: 'ticker', x: 0, y: 0.92, width: 1, height: 0.08 } } },
  },
];

const sameZones = (a: Layout, b: Layout) => a.orientation === b.orientation && JSON.stringify(Object.values(a.zones).map((z) => [z.role, z.x, z.y, z.width, z.height])) === JSON.stringify(Object.values(b.zones).map((z) => [z.role, z.x, z.y, z.width, z.height]));

/** The draft's own layout with the template's geometry, if any (so picking a template never duplicates one). */
export function existingLike(layouts: Record<string, Layout>, template: Layout): string | undefined {
  return Object.keys(layouts).find((id) => {
    const l = layouts[id];
    return l?.zones && sameZones(l, template);
  });
}

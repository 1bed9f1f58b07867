import type { ReactNode } from 'react';
import { Text, useKiosk } from '../context.tsx';

/** Buttons to other pages of the kiosk (never to the web). */
export function LinksBlock({ pages }: { pages: string[] }): ReactNode {
  const { kiosk, openPage } = useKiosk();
  return (
    <ul className="pano-links">
      {pages.map((id) => {
        const page = kiosk.pages[id];
        if (!page) return null;
        return (
          <li key={id}>
            <button type="button" className="pano-button pano-link" data-link={id} onClick={() => openPage(id)}>
              <Text text={page.title} /> <span aria-hidden="true">›</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

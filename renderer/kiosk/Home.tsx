import type { ReactNode } from 'react';
import { Text, useKiosk } from './context.tsx';

/** The home menu: the kiosk's title and one large tile per section. */
export function Home(): ReactNode {
  const { kiosk, media, emit, openPage } = useKiosk();
  const { home } = kiosk;
  const background = home.background ? media[home.background] : undefined;
  return (
    <div className="pano-home" data-testid="kiosk-home-view">
      {background && <img className="pano-home-background" src={background} alt="" draggable={false} />}
      <div className="pano-home-heading">
        <Text as="h1" text={home.title} />
        {home.subtitle && <Text as="p" className="pano-home-subtitle" text={home.subtitle} />}
      </div>
      <ul className="pano-sections">
        {home.sections.map((section) => {
          const icon = section.icon ? media[section.icon] : undefined;
          return (
            <li key={section.id}>
              <button
                type="button"
                className="pano-section"
                data-section={section.id}
                onClick={() => {
                  emit('section', { section: section.id, page: section.page });
                  openPage(section.page);
                }}
              >
                {icon && <img className="pano-section-icon" src={icon} alt="" draggable={false} />}
                <Text as="span" className="pano-section-title" text={section.title} />
                {section.description && <Text as="span" className="pano-section-description" text={section.description} />}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

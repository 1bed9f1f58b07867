import type { z } from 'zod';
import type { DisplayShot } from '../../playlists/schemas/fleet-ops.ts';
import { useI18n } from '../i18n/index.tsx';

/** The newest screenshot command's pictures, one per display, each under its display's name and the time it was taken (hub zone). */
export function DisplayShots({ shots, name }: { shots: readonly z.infer<typeof DisplayShot>[]; name: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (shots.length === 0) return null;
  return (
    <section aria-labelledby="shots-h" className="display-shots">
      <h3 id="shots-h">{t('shots.title')}</h3>
      {shots.map((s) => (
        <figure key={s.display} className="display-shot" data-display={s.display}>
          <img className="screenshot" src={s.url} alt={t('shots.alt', { display: s.display, name })} />
          <figcaption>{t('shots.caption', { display: s.display, at: i18n.dateTimeSeconds(s.takenAt) })}</figcaption>
        </figure>
      ))}
    </section>
  );
}

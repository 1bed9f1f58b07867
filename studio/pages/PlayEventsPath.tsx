import type { z } from 'zod';
import type { PlayEventsPath as Path } from '../../playlists/schemas/operator-api.ts';
import { useI18n } from '../i18n/index.tsx';

/**
 * Whether each display's page still hands its play records to the core
 * (docs/renderer.md, "Play events that cannot be lost"). A stalled display
 * loses nothing — its page keeps the records — but its plays are not counted
 * until the path flows again, so the operator sees it here, with what is held
 * and how often the core reloaded the page.
 */
export function PlayEventsPath({ path }: { path: z.infer<typeof Path> }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="fact-row">
      <dt>{t('screen.playEvents')}</dt>
      <dd id="play-events">
        {path.displays.length === 0 && t('screen.playEventsNone')}
        {path.displays.map((d) => (
          <div key={d.display} className={d.stalled ? 'last-error' : undefined}>
            {d.stalled
              ? t('screen.playEventsStalled', { display: d.display, at: d.stalledSince ? i18n.dateTime(d.stalledSince) : '—', held: d.held, reloads: d.recoveries })
              : d.held > 0
                ? t('screen.playEventsHeld', { display: d.display, held: d.held })
                : t('screen.playEventsOk', { display: d.display })}
          </div>
        ))}
      </dd>
    </div>
  );
}

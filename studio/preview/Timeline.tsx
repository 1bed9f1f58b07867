import type { Playlist } from '../../playlists/schemas/playlist.ts';
import type { DisplayTarget } from '../../playlists/scheduler/index.ts';
import { useI18n } from '../i18n/index.tsx';
import { useContext } from 'react';
import { EditorContext } from '../editor/context.tsx';
import type { JsonObject } from '../editor/draft-ops.ts';
import { itemTitle, zoneKey } from '../editor/names.ts';
import { planLabel } from '../editor/schedule/WeekCalendar.tsx';
import { hhmm, planBlocks } from '../editor/schedule/week-plan.ts';

/** The chosen day for the chosen display, from the screens' scheduler: what plays when, by title. */
export function Timeline({ playlist, day, display }: { playlist: Playlist; day: string; display: DisplayTarget }) {
  const i18n = useI18n();
  const { t, lang, timeZone } = i18n;
  const editor = useContext(EditorContext);
  // Outside the editor (a frozen submission on the board page) the playlist itself names its items.
  const draft = editor?.draft ?? (playlist as unknown as JsonObject);
  const media = editor?.media ?? [];
  const blocks = planBlocks(playlist, day, 1, timeZone, display);
  return (
    <section className="timeline" aria-labelledby="timeline-h">
      <h2 id="timeline-h">{t('preview.timeline')}</h2>
      <ol>
        {blocks.map((b, i) => (
          <li key={i} className={`tl tl-${b.plan.kind}`}>
            <p className="tl-time">
              {hhmm(b.start)}–{hhmm(b.end)} <strong>{planLabel(b.plan, i18n)}</strong>
            </p>
            {b.plan.kind === 'play' &&
              (['main', 'side', 'ticker'] as const).map((role) => {
                const seq = b.plan.kind === 'play' ? b.plan.content[role] : undefined;
                const items = seq ? playlist.sequences[seq]?.items ?? [] : [];
                if (!items.length) return null;
                return (
                  <p key={role} className="tl-zone">
                    <span className="muted">{t(zoneKey(role))}:</span> {items.map((id) => itemTitle(draft, id, lang, media)).join(' → ')}
                  </p>
                );
              })}
          </li>
        ))}
      </ol>
    </section>
  );
}

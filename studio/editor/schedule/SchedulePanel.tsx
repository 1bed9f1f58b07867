import { useState, type FormEvent } from 'react';
import type { Layout } from '../../../playlists/schemas/layouts.ts';
import { Field } from '../../components/Field.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useEditor } from '../context.tsx';
import { NumberAt } from '../controls.tsx';
import { getIn, setIn, slugId } from '../draft-ops.ts';
import { loopName } from '../names.ts';
import { ContentFields, EntryForm } from './EntryForm.tsx';
import { DateAt, WeekdaysAt } from './fields.tsx';
import { LAYOUT_TEMPLATES } from './layout-templates.ts';
import { WeekCalendar } from './WeekCalendar.tsx';

type Entry = { id: string };

export function SchedulePanel() {
  const { t } = useI18n();
  const { draft, set, canEdit } = useEditor();
  const entries = ((getIn(draft, ['schedule', 'entries']) as Entry[] | undefined) ?? []);
  return (
    <div className="stack">
      <WeekCalendar />
      <section aria-labelledby="entries-h" className="stack">
        <h2 id="entries-h">{t('schedule.entries')}</h2>
        <p className="muted">{t('schedule.entriesLead')}</p>
        {entries.map((e, i) => (
          <EntryForm key={`${i}-${e.id}`} index={i} />
        ))}
        {canEdit && <NewEntry />}
      </section>
      <Rotation />
      <section className="panel form" aria-labelledby="hours-h">
        <h2 id="hours-h">{t('schedule.hours')}</h2>
        <p className="muted">{t('schedule.hoursLead')}</p>
        <OperatingHours />
      </section>
      <section className="panel form" aria-labelledby="fb-h">
        <h2 id="fb-h">{t('schedule.fallback')}</h2>
        <p className="muted">{t('schedule.fallbackLead')}</p>
        {getIn(draft, ['schedule', 'fallback']) ? (
          <>
            <ContentFields base={['schedule', 'fallback']} />
            {canEdit && (
              <button type="button" onClick={() => set(['schedule', 'fallback'], undefined)}>
                {t('schedule.noFallback')}
              </button>
            )}
          </>
        ) : (
          canEdit && (
            <button type="button" onClick={() => set(['schedule', 'fallback'], { layout: firstLayout(draft.layouts), content: { main: Object.keys((draft.sequences ?? {}) as object)[0] ?? '' } })}>
              {t('schedule.addFallback')}
            </button>
          )
        )}
      </section>
    </div>
  );
}

const firstLayout = (layouts: unknown): string => Object.keys((layouts ?? {}) as object)[0] ?? 'fullscreen';

function NewEntry() {
  const i18n = useI18n();
  const { t } = i18n;
  const { draft, change } = useEditor();
  const [name, setName] = useState('');
  const loops = Object.keys((draft.sequences ?? {}) as object);
  const [loop, setLoop] = useState(loops[0] ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    change((d) => {
      let next = d;
      const layouts = (next.layouts ?? {}) as Record<string, Layout>;
      let layout = Object.keys(layouts)[0];
      if (!layout) {
        const tp = LAYOUT_TEMPLATES[0]!;
        next = setIn(next, ['layouts', tp.id], tp.layout);
        layout = tp.id;
      }
      const list = (getIn(next, ['schedule', 'entries']) as Entry[] | undefined) ?? [];
      const id = slugId(name, list.map((x) => x.id), 'entry');
      return setIn(next, ['schedule', 'entries'], [...list, { id, name, layout, content: { main: loop } }]);
    });
    setName('');
  };
  return (
    <form className="panel inline-form" onSubmit={submit} aria-labelledby="new-entry-h">
      <h3 id="new-entry-h">{t('schedule.newEntry')}</h3>
      <Field label={t('schedule.name')}>{(c) => <input {...c} required value={name} onChange={(e) => setName(e.target.value)} />}</Field>
      <Field label={t('schedule.mainLoop')}>
        {(c) => (
          <select {...c} required value={loop} onChange={(e) => setLoop(e.target.value)}>
            {loops.map((id) => (
              <option key={id} value={id}>
                {loopName(draft, id, i18n)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit">{t('schedule.addEntry')}</button>
    </form>
  );
}

/** The weekly theme rotation: themes in order, the Monday it starts, the period. */
function Rotation() {
  const { t } = useI18n();
  const { draft, set, canEdit } = useEditor();
  const path = ['schedule', 'themes'];
  const rot = getIn(draft, path) as { themes?: string[] } | undefined;
  return (
    <section className="panel form" aria-labelledby="rot-h">
      <h2 id="rot-h">{t('schedule.rotation')}</h2>
      <p className="muted">{t('schedule.rotationLead')}</p>
      {rot ? (
        <>
          <Field label={t('schedule.themes')} hint={t('schedule.themesHint')}>
            {(c) => (
              <input
                {...c}
                readOnly={!canEdit}
                value={(rot.themes ?? []).join(', ')}
                onChange={(e) => set([...path, 'themes'], e.target.value.split(',').map((s) => s.trim()).filter(Boolean))}
              />
            )}
          </Field>
          <DateAt path={[...path, 'startsOn']} label={t('schedule.startsOn')} />
          <NumberAt path={[...path, 'periodDays']} label={t('schedule.periodDays')} optional min={1} max={366} step={1} />
          {canEdit && (
            <button type="button" onClick={() => set(path, undefined)}>
              {t('schedule.noRotation')}
            </button>
          )}
        </>
      ) : (
        canEdit && (
          <button type="button" onClick={() => set(path, { themes: [t('schedule.themeA'), t('schedule.themeB')], startsOn: new Date().toISOString().slice(0, 10), periodDays: 7 })}>
            {t('schedule.addRotation')}
          </button>
        )
      )}
    </section>
  );
}

function OperatingHours() {
  const { t } = useI18n();
  const { draft, set, canEdit } = useEditor();
  const path = ['schedule', 'operatingHours'];
  const hours = (getIn(draft, path) as { start?: string; end?: string }[] | undefined) ?? [];
  return (
    <>
      {hours.length === 0 && <p className="hint">{t('schedule.alwaysOn')}</p>}
      {hours.map((h, i) => (
        <div key={i} className="sub-item">
          <WeekdaysAt path={[...path, i, 'weekdays']} label={t('schedule.hoursDays', { n: i + 1 })} />
          <div className="inline-fields">
            <Field label={t('schedule.opens')} hint={t('common.timeHint')}>
              {(c) => <input {...c} readOnly={!canEdit} inputMode="numeric" value={h.start ?? ''} onChange={(e) => set([...path, i, 'start'], e.target.value)} />}
            </Field>
            <Field label={t('schedule.closes')} hint={t('common.timeHint')}>
              {(c) => <input {...c} readOnly={!canEdit} inputMode="numeric" value={h.end ?? ''} onChange={(e) => set([...path, i, 'end'], e.target.value)} />}
            </Field>
          </div>
          {canEdit && (
            <button type="button" onClick={() => set(path, hours.length > 1 ? hours.filter((_, j) => j !== i) : undefined)}>
              {t('common.remove')}
            </button>
          )}
        </div>
      ))}
      {canEdit && (
        <button type="button" onClick={() => set(path, [...hours, { start: '06:00', end: '22:00' }])}>
          {t('schedule.addHours')}
        </button>
      )}
    </>
  );
}

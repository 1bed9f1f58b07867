import { useI18n } from '../../i18n/index.tsx';
import { Check } from '../../components/Field.tsx';
import { useEditor } from '../context.tsx';
import { CheckAt, NumberAt, SelectAt, TextAt } from '../controls.tsx';
import { getIn, type Path } from '../draft-ops.ts';
import { loopName } from '../names.ts';
import { DateAt, WeekdaysAt, WindowsAt } from './fields.tsx';
import { LayoutPicker } from './LayoutPicker.tsx';

/** Zone content and layout: shared by entries and the fallback. */
export function ContentFields({ base }: { base: Path }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { draft } = useEditor();
  const loops = Object.keys((draft.sequences ?? {}) as object).map((id) => ({ value: id, label: loopName(draft, id, i18n) }));
  return (
    <>
      <SelectAt path={[...base, 'content', 'main']} label={t('schedule.mainLoop')} options={loops} />
      <SelectAt path={[...base, 'content', 'side']} label={t('schedule.sideLoop')} optional={t('editor.none')} options={loops} />
      <SelectAt path={[...base, 'content', 'ticker']} label={t('schedule.tickerLoop')} optional={t('editor.none')} options={loops} />
      <LayoutPicker path={[...base, 'layout']} />
    </>
  );
}

/** One schedule entry: what, where, which days and hours, from when to when, how it ranks. */
export function EntryForm({ index }: { index: number }) {
  const { t } = useI18n();
  const { draft, set, canEdit } = useEditor();
  const base: Path = ['schedule', 'entries', index];
  const entry = getIn(draft, base) as { name?: string; id?: string; displays?: string[] };
  const themes = ((getIn(draft, ['schedule', 'themes', 'themes']) as string[] | undefined) ?? []).map((x) => ({ value: x, label: x }));
  const roles = ['main', ...new Set(((draft.kiosk as { displays?: string[] } | undefined)?.displays ?? []).concat(entry.displays ?? []))].filter((v, i, a) => a.indexOf(v) === i);
  return (
    <details className="panel entry" open data-entry={entry.id}>
      <summary>
        <h3>{entry.name || entry.id}</h3>
      </summary>
      <div className="form">
        <TextAt path={[...base, 'name']} label={t('schedule.name')} />
        <ContentFields base={base} />
        <WeekdaysAt path={[...base, 'weekdays']} label={t('schedule.weekdays')} />
        <WindowsAt path={[...base, 'windows']} label={t('schedule.windows')} allDayHint={t('schedule.allDay')} />
        <div className="inline-fields">
          <DateAt path={[...base, 'from']} label={t('schedule.firstDay')} />
          <DateAt path={[...base, 'until']} label={t('schedule.lastDay')} />
        </div>
        <NumberAt path={[...base, 'priority']} label={t('schedule.priority')} hint={t('schedule.priorityHint')} optional min={-1000} max={1000} step={1} />
        <CheckAt path={[...base, 'interrupt']} label={t('schedule.interrupt')} />
        {themes.length > 0 && <SelectAt path={[...base, 'theme']} label={t('schedule.theme')} optional={t('schedule.anyTheme')} options={themes} />}
        <fieldset className="group-box">
          <legend>{t('schedule.displays')}</legend>
          <div className="checks">
            {roles.map((r) => (
              <Check
                key={r}
                disabled={!canEdit}
                label={r}
                checked={entry.displays?.includes(r) ?? false}
                onChange={(on) => {
                  const next = on ? [...(entry.displays ?? []), r] : (entry.displays ?? []).filter((x) => x !== r);
                  set([...base, 'displays'], next.length ? next : undefined);
                }}
              />
            ))}
          </div>
          <p className="hint">{t('schedule.displaysHint')}</p>
        </fieldset>
        {canEdit && (
          <button type="button" className="danger" onClick={() => set(base, undefined)}>
            {t('schedule.removeEntry')}
          </button>
        )}
      </div>
    </details>
  );
}

import { useState } from 'react';
import { Check, Field } from '../../components/Field.tsx';
import { issueText } from '../../i18n/errors.ts';
import { formatLocalDate, parseLocalDate } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { issuesAt, useEditor } from '../context.tsx';
import { getIn, type Path } from '../draft-ops.ts';
import { weekdayNames } from './WeekCalendar.tsx';

/** Weekday checkboxes (ISO 1 = Monday); none ticked = every day. */
export function WeekdaysAt({ path, label }: { path: Path; label: string }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { draft, set, canEdit, issues } = useEditor();
  const days = (getIn(draft, path) as number[] | undefined) ?? [];
  const names = weekdayNames(lang);
  const toggle = (d: number, on: boolean) => {
    const next = on ? [...days, d].sort((a, b) => a - b) : days.filter((x) => x !== d);
    set(path, next.length ? next : undefined);
  };
  const preset = (list: number[] | undefined) => set(path, list);
  return (
    <fieldset className="group-box weekdays">
      <legend>{label}</legend>
      <div className="checks">
        {names.map((name, i) => (
          <Check key={i} disabled={!canEdit} label={name} checked={days.includes(i + 1)} onChange={(on) => toggle(i + 1, on)} />
        ))}
      </div>
      {canEdit && (
        <div className="actions">
          <button type="button" onClick={() => preset([1, 2, 3, 4, 5])}>
            {t('schedule.weekdaysOnly')}
          </button>
          <button type="button" onClick={() => preset([6, 7])}>
            {t('schedule.weekendOnly')}
          </button>
          <button type="button" onClick={() => preset(undefined)}>
            {t('schedule.everyDay')}
          </button>
        </div>
      )}
      <p className="hint">{days.length ? t('schedule.daysChosen', { n: days.length }) : t('schedule.everyDayHint')}</p>
      {issuesAt(issues, path, true).map((i, k) => (
        <p key={k} className="field-error">
          {issueText(i18n, i)}
        </p>
      ))}
    </fieldset>
  );
}

/** Time windows (HH:MM–HH:MM); an end before the start runs past midnight. None = all day. */
export function WindowsAt({ path, label, allDayHint }: { path: Path; label: string; allDayHint: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { draft, set, canEdit, issues } = useEditor();
  const windows = (getIn(draft, path) as { start?: string; end?: string }[] | undefined) ?? [];
  const errors = (i: number, k: string) => issuesAt(issues, [...path, i, k]).map((x) => issueText(i18n, x));
  return (
    <fieldset className="group-box windows">
      <legend>{label}</legend>
      {windows.length === 0 && <p className="hint">{allDayHint}</p>}
      {windows.map((w, i) => (
        <div key={i} className="inline-fields window-row">
          <Field label={t('schedule.from', { n: i + 1 })} hint={t('common.timeHint')} errors={[...errors(i, 'start'), ...issuesAt(issues, [...path, i]).map((x) => issueText(i18n, x))]}>
            {(c) => <input {...c} readOnly={!canEdit} inputMode="numeric" value={w.start ?? ''} onChange={(e) => set([...path, i, 'start'], e.target.value)} />}
          </Field>
          <Field label={t('schedule.to', { n: i + 1 })} hint={w.start && w.end && w.end <= w.start && w.end !== '00:00' ? t('schedule.crossesMidnight') : t('common.timeHint')} errors={errors(i, 'end')}>
            {(c) => <input {...c} readOnly={!canEdit} inputMode="numeric" value={w.end ?? ''} onChange={(e) => set([...path, i, 'end'], e.target.value)} />}
          </Field>
          {canEdit && (
            <button type="button" onClick={() => set(path, windows.length > 1 ? windows.filter((_, j) => j !== i) : undefined)}>
              {t('common.remove')}
            </button>
          )}
        </div>
      ))}
      {canEdit && (
        <button type="button" onClick={() => set(path, [...windows, { start: '07:00', end: '11:00' }])}>
          {t('schedule.addWindow')}
        </button>
      )}
    </fieldset>
  );
}

/** A wall date typed as dd/MM/yyyy, written as YYYY-MM-DD; empty removes it. */
export function DateAt({ path, label }: { path: Path; label: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { draft, set, canEdit, issues } = useEditor();
  const value = getIn(draft, path);
  const [text, setText] = useState(typeof value === 'string' ? formatLocalDate(value) : '');
  const [bad, setBad] = useState(false);
  const write = (next: string) => {
    setText(next);
    if (!next.trim()) {
      setBad(false);
      set(path, undefined);
      return;
    }
    const date = parseLocalDate(next);
    setBad(date === null);
    if (date) set(path, date);
  };
  return (
    <Field label={label} hint={t('common.dateHint')} errors={[...(bad ? [t('issue.date')] : []), ...issuesAt(issues, path).map((x) => issueText(i18n, x))]}>
      {(c) => <input {...c} readOnly={!canEdit} inputMode="numeric" value={text} onChange={(e) => write(e.target.value)} />}
    </Field>
  );
}

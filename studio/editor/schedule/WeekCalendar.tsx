import { useMemo, useState } from 'react';
import type { Plan } from '../../../playlists/scheduler/index.ts';
import { formatLocalDate } from '../../i18n/format.ts';
import { useI18n, type I18n } from '../../i18n/index.tsx';
import { Field } from '../../components/Field.tsx';
import { useEditor } from '../context.tsx';
import { addDays, hhmm, mondayOf, planBlocks, schedulable } from './week-plan.ts';
import { localMoment } from '../../../playlists/scheduler/index.ts';

/** Weekday names in the operator's language, Monday first (from Intl, not a word list). */
export function weekdayNames(lang: string, style: 'long' | 'short' = 'long'): string[] {
  const f = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { weekday: style, timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => f.format(Date.UTC(2026, 10, 23 + i)));
}

export function planLabel(plan: Plan, i18n: I18n): string {
  if (plan.kind === 'black') return i18n.t('calendar.off');
  if (plan.kind === 'idle') return i18n.t('calendar.idle');
  return plan.entry ? plan.entry.name || plan.entry.id : i18n.t('calendar.fallback');
}

const PALETTE = ['#2f6f5a', '#1d4e89', '#8a3b12', '#6b3fa0', '#0f766e', '#9d174d', '#4d7c0f', '#92400e'];

/**
 * Hour marks beside the seven columns, on the same 24-hour scale, so a block's
 * place reads as a time at a glance. Hidden from screen readers: each block's
 * label already says its times.
 */
function HourRuler({ label }: { label: string }) {
  return (
    <div className="week-ruler" aria-hidden="true">
      <p className="week-ruler-head">{label}</p>
      <ol className="week-hours">
        {Array.from({ length: 25 }, (_, h) => (
          <li key={h} data-hour={h} className={h % 2 === 1 ? 'odd' : undefined} style={{ top: `${(h / 24) * 100}%` }}>
            {hhmm(h * 60)}
          </li>
        ))}
      </ol>
    </div>
  );
}

/**
 * The week as the screens will play it: seven columns, what plays when, each
 * block computed by the screens' own scheduler for the chosen display.
 */
export function WeekCalendar() {
  const i18n = useI18n();
  const { t, lang, timeZone } = i18n;
  const { draft, devices } = useEditor();
  const [monday, setMonday] = useState(() => mondayOf(localMoment(Date.now(), timeZone).date));
  const displays = useMemo(() => {
    const seen = new Map<string, 'landscape' | 'portrait'>([['main', 'landscape']]);
    for (const d of devices) for (const x of d.displays) if (!seen.has(x.id)) seen.set(x.id, x.orientation);
    return [...seen.entries()];
  }, [devices]);
  const [display, setDisplay] = useState('main');
  const orientation = displays.find(([id]) => id === display)?.[1] ?? 'landscape';
  const playlist = useMemo(() => schedulable(draft), [draft]);
  const blocks = useMemo(() => (playlist ? planBlocks(playlist, monday, 7, timeZone, { id: display, orientation }) : []), [playlist, monday, timeZone, display, orientation]);
  const entryIds = ((draft.schedule as { entries?: { id?: string }[] } | undefined)?.entries ?? []).map((e) => e.id);
  const names = weekdayNames(lang);
  const shortNames = weekdayNames(lang, 'short');

  return (
    <section className="panel calendar" aria-labelledby="cal-h">
      <div className="page-head">
        <h2 id="cal-h">{t('calendar.title', { from: formatLocalDate(monday), to: formatLocalDate(addDays(monday, 6)) })}</h2>
        <div className="actions">
          <button type="button" onClick={() => setMonday(addDays(monday, -7))}>
            {t('calendar.prev')}
          </button>
          <button type="button" onClick={() => setMonday(mondayOf(localMoment(Date.now(), timeZone).date))}>
            {t('calendar.thisWeek')}
          </button>
          <button type="button" onClick={() => setMonday(addDays(monday, 7))}>
            {t('calendar.next')}
          </button>
        </div>
      </div>
      <Field label={t('calendar.display')}>
        {(c) => (
          <select {...c} value={display} onChange={(e) => setDisplay(e.target.value)}>
            {displays.map(([id, o]) => (
              <option key={id} value={id}>
                {t('calendar.displayOption', { id, orientation: t(`orientation.${o}`) })}
              </option>
            ))}
          </select>
        )}
      </Field>
      {!playlist && <p className="warn">{t('calendar.invalid')}</p>}
      <div className="week-wrap">
        <HourRuler label={t('calendar.hours')} />
        <div className="week" role="list">
          {names.map((name, day) => (
            <div key={day} className="week-day" role="listitem" aria-label={`${name} ${formatLocalDate(addDays(monday, day))}`}>
              <p className="week-head" aria-hidden="true">
                <span className="week-long">{name}</span>
                {/* A phone's columns are too narrow for "Wednesday": its short name there. */}
                <span className="week-short">{shortNames[day]}</span>
                <br />
                <span className="muted">{formatLocalDate(addDays(monday, day)).slice(0, 5)}</span>
              </p>
              <ul className="week-col">
                {blocks
                  .filter((b) => b.day === day)
                  .map((b, i) => {
                    const index = b.plan.kind === 'play' && b.plan.entry ? entryIds.indexOf(b.plan.entry.id) : -1;
                    const color = b.plan.kind === 'black' ? '#222' : b.plan.kind === 'idle' ? '#777' : index < 0 ? '#5b6770' : PALETTE[index % PALETTE.length];
                    const label = `${hhmm(b.start)}–${hhmm(b.end)} ${planLabel(b.plan, i18n)}`;
                    return (
                      <li key={i} className="week-block" style={{ top: `${(b.start / 1440) * 100}%`, height: `${((b.end - b.start) / 1440) * 100}%`, background: color }} title={label}>
                        <span className="week-text">{label}</span>
                      </li>
                    );
                  })}
              </ul>
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

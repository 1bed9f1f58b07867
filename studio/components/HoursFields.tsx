import type { OperatingHours } from '../../playlists/schemas/schedule.ts';
import type { I18n } from '../i18n/index.tsx';
import { useI18n } from '../i18n/index.tsx';
import { weekdayNames } from '../editor/schedule/WeekCalendar.tsx';
import { Check, Field } from './Field.tsx';

/**
 * A screen's own opening hours (device settings): windows of weekdays and
 * 24-hour start/end, in the screen's zone. The schedule panel's editor works
 * on a playlist draft, so this is its small twin for a settings form.
 */
export function HoursFields({ value, onChange, errors }: { value: OperatingHours[]; onChange(next: OperatingHours[]): void; errors(path: string): string[] }) {
  const { t, lang } = useI18n();
  const names = weekdayNames(lang, 'short');
  const setAt = (i: number, patch: Partial<OperatingHours>) => onChange(value.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  const toggle = (i: number, day: number, on: boolean) => {
    const days = value[i]?.weekdays ?? [];
    const next = on ? [...days, day].sort((a, b) => a - b) : days.filter((d) => d !== day);
    const { weekdays: _, ...rest } = value[i]!;
    onChange(value.map((h, j) => (j === i ? (next.length ? { ...rest, weekdays: next } : rest) : h)));
  };
  return (
    <fieldset className="group-box" data-testid="screen-hours">
      <legend>{t('hours.setting')}</legend>
      <p className="hint">{value.length === 0 ? t('hours.none') : t('hours.settingHint')}</p>
      {value.map((h, i) => (
        <div key={i} className="sub-item">
          <fieldset className="group-box weekdays">
            <legend>{t('hours.days', { n: i + 1 })}</legend>
            <div className="checks">
              {names.map((name, d) => (
                <Check key={d} label={name} checked={h.weekdays?.includes(d + 1) ?? false} onChange={(on) => toggle(i, d + 1, on)} />
              ))}
            </div>
            <span className="hint">{t('hours.everyDayHint')}</span>
          </fieldset>
          <div className="inline-fields">
            <Field label={t('hours.opens')} hint={t('common.timeHint')} errors={errors(`operatingHours.${i}.start`)}>
              {(c) => <input {...c} inputMode="numeric" value={h.start} onChange={(e) => setAt(i, { start: e.target.value })} />}
            </Field>
            <Field label={t('hours.closes')} hint={t('common.timeHint')} errors={errors(`operatingHours.${i}.end`)}>
              {(c) => <input {...c} inputMode="numeric" value={h.end} onChange={(e) => setAt(i, { end: e.target.value })} />}
            </Field>
          </div>
          <button type="button" onClick={() => onChange(value.filter((_, j) => j !== i))}>
            {t('common.remove')}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...value, { start: '08:00', end: '17:00' }])}>
        {t('hours.add')}
      </button>
    </fieldset>
  );
}

/** Hours as one line: "T2, T3 08:00–17:00; 18:00–22:00", or the no-limit sentence. */
export function hoursText(i18n: Pick<I18n, 't' | 'lang'>, hours: readonly OperatingHours[] | null | undefined): string {
  if (!hours?.length) return i18n.t('hours.noneShort');
  const names = weekdayNames(i18n.lang, 'short');
  return hours
    .map((h) => i18n.t('hours.window', { days: h.weekdays ? h.weekdays.map((d) => names[d - 1]).join(', ') : i18n.t('hours.everyDay'), start: h.start, end: h.end }))
    .join('; ');
}

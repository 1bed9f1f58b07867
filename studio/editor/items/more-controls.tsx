import { useState } from 'react';
import { instantOf, localMoment } from '../../../playlists/scheduler/index.ts';
import { Check, Field } from '../../components/Field.tsx';
import { issueText } from '../../i18n/errors.ts';
import { formatLocalDate, parseLocalDate } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { issuesAt, useEditor } from '../context.tsx';
import { MediaAt, SelectAt } from '../controls.tsx';
import { getIn, type Path } from '../draft-ops.ts';
import { languageName } from '../languages.ts';

/** A subtitle file per language of the channel (WebVTT from the library). */
export function SubtitlesAt({ base }: { base: Path }) {
  const { t, lang } = useI18n();
  const { languages } = useEditor();
  return (
    <fieldset className="group-box">
      <legend>{t('item.subtitles')}</legend>
      {languages.map((l) => (
        <MediaAt key={l} path={[...base, 'subtitles', l]} label={t('item.subtitleIn', { language: languageName(l, lang) })} kind="subtitle" optional />
      ))}
    </fieldset>
  );
}

/** How the item's texts pick a language: one, rotate, or two at once, over chosen languages. */
export function LanguageModeAt({ base }: { base: Path }) {
  const { t, lang } = useI18n();
  const { draft, set, languages, canEdit } = useEditor();
  const path = [...base, 'languages'];
  const mode = getIn(draft, path) as { show?: string; languages?: string[] } | undefined;
  const chosen = mode?.languages ?? [];
  return (
    <fieldset className="group-box">
      <legend>{t('item.languageMode')}</legend>
      <SelectAt
        path={[...path, 'show']}
        label={t('item.languageShow')}
        optional={t('item.languageDefault')}
        options={(['one', 'rotate', 'both'] as const).map((v) => ({ value: v, label: t(`languageShow.${v}`) }))}
      />
      {mode && (
        <div className="checks">
          {languages.map((l) => (
            <Check
              key={l}
              disabled={!canEdit}
              label={languageName(l, lang)}
              checked={chosen.includes(l)}
              onChange={(on) => set([...path, 'languages'], on ? [...chosen, l] : chosen.filter((x) => x !== l))}
            />
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** An instant typed as a day (dd/MM/yyyy) and a time (HH:MM) in the hub's zone. */
export function InstantAt({ path, label }: { path: Path; label: string }) {
  const i18n = useI18n();
  const { t, timeZone } = i18n;
  const { draft, set, issues, canEdit } = useEditor();
  const value = getIn(draft, path);
  const at = typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? localMoment(Date.parse(value), timeZone) : null;
  const [date, setDate] = useState(at ? formatLocalDate(at.date) : '');
  const [time, setTime] = useState(at ? `${String(Math.floor(at.minute / 60)).padStart(2, '0')}:${String(at.minute % 60).padStart(2, '0')}` : '');
  const [unreadable, setUnreadable] = useState(false);
  const write = (d: string, tm: string) => {
    const day = parseLocalDate(d);
    const hm = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(tm.trim());
    setUnreadable(!day || !hm);
    if (!day || !hm) return;
    set(path, new Date(instantOf(day, Number(hm[1]) * 60 + Number(hm[2]), timeZone)).toISOString().replace(/\.000Z$/, 'Z'));
  };
  const errors = [...(unreadable ? [t('issue.dateTime')] : []), ...issuesAt(issues, path).map((i) => issueText(i18n, i))];
  return (
    <fieldset className="group-box inline-fields">
      <legend>{label}</legend>
      <Field label={t('common.date')} hint={t('common.dateHint')} errors={errors}>
        {(c) => <input {...c} readOnly={!canEdit} inputMode="numeric" value={date} onChange={(e) => (setDate(e.target.value), write(e.target.value, time))} />}
      </Field>
      <Field label={t('common.time')} hint={t('common.timeHint')}>
        {(c) => <input {...c} readOnly={!canEdit} inputMode="numeric" value={time} onChange={(e) => (setTime(e.target.value), write(date, e.target.value))} />}
      </Field>
    </fieldset>
  );
}

/** Colours of a slide: the template's own, or three chosen ones. */
export function ThemeAt({ base }: { base: Path }) {
  const { t } = useI18n();
  const { draft, set, canEdit } = useEditor();
  const path = [...base, 'theme'];
  const theme = getIn(draft, path) as Record<string, string> | undefined;
  return (
    <fieldset className="group-box">
      <legend>{t('item.theme')}</legend>
      <Check disabled={!canEdit} label={t('item.themeOwn')} checked={!!theme} onChange={(on) => set(path, on ? { background: '#0b3d2e', foreground: '#ffffff', accent: '#ffd54f' } : undefined)} />
      {theme && (
        <div className="inline-fields">
          {(['background', 'foreground', 'accent'] as const).map((k) => (
            <Field key={k} label={t(`theme.${k}`)}>
              {(c) => <input {...c} type="color" disabled={!canEdit} value={theme[k] ?? '#000000'} onChange={(e) => set([...path, k], e.target.value)} />}
            </Field>
          ))}
        </div>
      )}
    </fieldset>
  );
}

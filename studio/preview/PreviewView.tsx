import { useEffect, useRef, useState } from 'react';
import { instantOf, localMoment } from '../../playlists/scheduler/index.ts';
import type { Playlist } from '../../playlists/schemas/playlist.ts';
import { PREVIEW_READY, type PreviewMessage } from '../../playlists/schemas/preview.ts';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { languageName } from '../editor/languages.ts';
import { formatLocalDate, parseLocalDate } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import { previewState, type PreviewDisplay } from './preview-state.ts';
import { Timeline } from './Timeline.tsx';

/**
 * A playlist played by the screens' own renderer bundle (the hub serves it at
 * /preview/), in a frame fed by postMessage: the chosen display, day, time and
 * language, the hub's media. Beside it, that day's timeline from the
 * scheduler. The editor's draft (PreviewPanel) and a frozen submission
 * (FrozenPreview) both show here.
 */
export function PreviewView({ playlist, displays, languages, error, onShow }: { playlist: Playlist | null; displays: PreviewDisplay[]; languages: readonly string[]; error: string; onShow(): void }) {
  const i18n = useI18n();
  const { t, lang, timeZone } = i18n;
  const now = localMoment(Date.now(), timeZone);
  const [displayId, setDisplayId] = useState('main');
  const [date, setDate] = useState(formatLocalDate(now.date));
  const [time, setTime] = useState(`${String(Math.floor(now.minute / 60)).padStart(2, '0')}:${String(now.minute % 60).padStart(2, '0')}`);
  const [language, setLanguage] = useState<string>(lang);
  const [ready, setReady] = useState(0);
  const [frameKey, setFrameKey] = useState(0);
  const frame = useRef<HTMLIFrameElement>(null);
  const display = displays.find((d) => d.id === displayId) ?? displays[0]!;

  const day = parseLocalDate(date);
  const hm = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  const at = day && hm ? new Date(instantOf(day, Number(hm[1]) * 60 + Number(hm[2]), timeZone)).toISOString() : null;

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.origin === location.origin && e.source === frame.current?.contentWindow && (e.data as { type?: string })?.type === PREVIEW_READY) setReady((n) => n + 1);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  useEffect(() => {
    if (!ready || !playlist || !at) return;
    const message: PreviewMessage = { type: 'pano-preview', state: previewState(playlist, display, language, timeZone), at };
    frame.current?.contentWindow?.postMessage(message, location.origin);
  }, [ready, playlist, at, display, language, timeZone]);

  const portrait = display.orientation === 'portrait';
  return (
    <div className="preview">
      <form
        className="panel inline-form preview-controls"
        onSubmit={(e) => {
          e.preventDefault();
          setFrameKey((k) => k + 1);
          onShow();
        }}
      >
        <Field label={t('preview.display')}>
          {(c) => (
            <select {...c} value={display.id} onChange={(e) => setDisplayId(e.target.value)}>
              {displays.map((d) => (
                <option key={d.id} value={d.id}>
                  {t(d.touch ? 'preview.displayTouch' : 'calendar.displayOption', { id: d.id, orientation: t(`orientation.${d.orientation}`) })}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('common.date')} hint={t('common.dateHint')} errors={day ? [] : [t('issue.date')]}>
          {(c) => <input {...c} inputMode="numeric" value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <Field label={t('common.time')} hint={t('common.timeHint')} errors={hm ? [] : [t('issue.time')]}>
          {(c) => <input {...c} inputMode="numeric" value={time} onChange={(e) => setTime(e.target.value)} />}
        </Field>
        <Field label={t('preview.language')}>
          {(c) => (
            <select {...c} value={language} onChange={(e) => setLanguage(e.target.value)}>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {languageName(l, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="primary">
          {t('preview.show')}
        </button>
      </form>
      <Notice kind="error">{error}</Notice>
      <div className="preview-body">
        <div className={`preview-screen${portrait ? ' preview-portrait' : ''}`}>
          <iframe key={`${frameKey}-${display.id}`} ref={frame} src={`/preview/?preview=1&display=${encodeURIComponent(display.id)}`} title={t('preview.frameTitle', { display: display.id })} />
        </div>
        {playlist && day && <Timeline playlist={playlist} day={day} display={display} />}
      </div>
    </div>
  );
}

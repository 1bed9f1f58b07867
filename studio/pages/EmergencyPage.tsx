import { useState, type FormEvent } from 'react';
import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { Check, Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';
import { CapSettingsForm } from './CapSettingsForm.tsx';
import { EmergencyDrafts } from './EmergencyDrafts.tsx';

/** Take screens over with one headline, and give them back. */
export function EmergencyPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const state = useLoad(() => call(API.emergency), 'emergency', 5_000);
  const devices = useLoad(() => call(API.listDevices), 'devices');
  const [title, setTitle] = useState('');
  const [message, setMessage] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [drafts, setDrafts] = useState(0);

  const act = async (what: () => Promise<unknown>, ok: string) => {
    setNotice(null);
    try {
      await what();
      setNotice({ kind: 'ok', text: ok });
      state.reload();
    } catch (err) {
      setNotice({ kind: 'error', text: apiErrorText(i18n, err) });
    }
  };
  const start = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    call(API.startEmergency, { body: { title, message, devices: chosen } }).then(
      (started) => {
        // Where the duty officer signs takeovers, this made a draft: it waits in the list below.
        setNotice({ kind: 'ok', text: started.draft ? t('duty.pending') : t('emergency.started') });
        setDrafts((n) => n + 1);
        state.reload();
      },
      (err: unknown) => setNotice({ kind: 'error', text: apiErrorText(i18n, err) }),
    );
  };
  const active = state.data?.active ? state.data : null;

  return (
    <section className="page narrow">
      <h1>{t('emergency.title')}</h1>
      <p className="muted">{t('emergency.lead')}</p>
      {active && (
        <div className="alert-box" role="alert">
          <p>{t('emergency.active', { title: active.title ?? '', since: active.since ? i18n.dateTime(active.since) : '', by: active.by ?? '' })}</p>
          {session.can('approver') && (
            <button type="button" className="primary" onClick={() => void act(() => call(API.endEmergency), t('emergency.ended'))}>
              {t('emergency.end')}
            </button>
          )}
        </div>
      )}
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <EmergencyDrafts key={drafts} onPublished={state.reload} />
      {session.can('approver') && (
        <form className="form panel" onSubmit={start}>
          <Field label={t('emergency.headline')}>{(c) => <input {...c} required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />}</Field>
          <Field label={t('emergency.message')}>{(c) => <textarea {...c} maxLength={500} rows={3} value={message} onChange={(e) => setMessage(e.target.value)} />}</Field>
          <fieldset className="group-box">
            <legend>{t('emergency.screens')}</legend>
            <p className="hint">{t('emergency.screensHint')}</p>
            <div className="checks">
              {(devices.data?.devices ?? []).map((d) => (
                <Check key={d.id} label={d.name} checked={chosen.includes(d.id)} onChange={(on) => setChosen(on ? [...chosen, d.id] : chosen.filter((x) => x !== d.id))} />
              ))}
            </div>
          </fieldset>
          <button type="submit" className="danger">
            {t('emergency.start')}
          </button>
        </form>
      )}
      {session.can('admin') && <CapSettingsForm onPolled={() => setDrafts((n) => n + 1)} />}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { Check, Field } from '../components/Field.tsx';
import { ActionNotice, useActionNotice } from '../components/useActionNotice.tsx';
import { useLoad } from '../components/useLoad.ts';
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
  const { notice, run } = useActionNotice();
  const [drafts, setDrafts] = useState(0);

  const end = () =>
    run(async () => {
      await call(API.endEmergency);
      state.reload();
    }, { key: 'emergency.ended' });
  const start = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const started = await call(API.startEmergency, { body: { title, message, devices: chosen } });
      setDrafts((n) => n + 1);
      state.reload();
      // Where the duty officer signs takeovers, this made a draft: it waits in the list below.
      return { key: started.draft ? 'duty.pending' : 'emergency.started' };
    });
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
            <button type="button" className="primary" onClick={() => void end()}>
              {t('emergency.end')}
            </button>
          )}
        </div>
      )}
      <ActionNotice notice={notice} />
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

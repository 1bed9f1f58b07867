import { useEffect, useState, type FormEvent } from 'react';
import type { CapSettings } from '../../playlists/schemas/emergency-api.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { ActionNotice, ok, refused, useActionNotice } from '../components/useActionNotice.tsx';

const SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor'] as const;

/** The admin's CAP feed: address, area, how often, how severe; and "read now". */
export function CapSettingsForm({ onPolled }: { onPolled: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const loaded = useLoad(() => call(API.capSettings), 'cap-settings');
  const [s, setS] = useState<CapSettings | null>(null);
  const { notice, run } = useActionNotice();
  useEffect(() => {
    if (loaded.data) setS(loaded.data);
  }, [loaded.data]);
  if (loaded.error !== null) return <Notice kind="error">{apiErrorText(i18n, loaded.error)}</Notice>;
  if (!s) return null;

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setS(await call(API.saveCapSettings, { body: s }));
      return { key: 'common.saved' };
    });
  };
  const poll = () =>
    run(async () => {
      const r = await call(API.pollCap);
      onPolled();
      // The feed's own failure (network, not CAP) is a technical detail inside a sentence in the operator's language.
      return r.error !== null ? refused('cap.failed', { error: r.error }) : ok('cap.polled', { alerts: r.alerts, drafts: r.drafts, cancelled: r.cancelled });
    });

  return (
    <form className="form panel" onSubmit={save} aria-label={t('cap.title')}>
      <h2>{t('cap.title')}</h2>
      <p className="hint">{t('cap.lead')}</p>
      <ActionNotice notice={notice} />
      <Field label={t('cap.url')}>{(c) => <input {...c} type="url" value={s.url ?? ''} onChange={(e) => setS({ ...s, url: e.target.value.trim() || null })} />}</Field>
      <Field label={t('cap.area')}>{(c) => <input {...c} required maxLength={200} value={s.area} onChange={(e) => setS({ ...s, area: e.target.value })} />}</Field>
      <Field label={t('cap.interval')}>
        {(c) => <input {...c} type="number" min={10} max={3600} value={s.intervalSeconds} onChange={(e) => setS({ ...s, intervalSeconds: Number(e.target.value) })} />}
      </Field>
      <Field label={t('cap.minSeverity')}>
        {(c) => (
          <select {...c} value={s.minSeverity} onChange={(e) => setS({ ...s, minSeverity: e.target.value as CapSettings['minSeverity'] })}>
            {SEVERITIES.map((v) => (
              <option key={v} value={v}>
                {t(`duty.severity.${v}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="primary">
        {t('common.save')}
      </button>{' '}
      <button type="button" onClick={() => void poll()}>
        {t('cap.pollNow')}
      </button>
    </form>
  );
}

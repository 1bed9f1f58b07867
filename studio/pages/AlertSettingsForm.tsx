import { useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { ALERT_RULES, type AlertSettings } from '../../playlists/schemas/alerts.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { Check, Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { ActionNotice, useActionNotice } from '../components/useActionNotice.tsx';

type Settings = z.input<typeof AlertSettings>;
type Thresholds = z.output<typeof AlertSettings>['thresholds'];

const THRESHOLDS: { key: keyof Thresholds; label: MessageKey; step: number }[] = [
  { key: 'offlineIntervals', label: 'alerts.offlineIntervals', step: 1 },
  { key: 'skippedPercent', label: 'alerts.skippedPercent', step: 1 },
  { key: 'skippedWindowMinutes', label: 'alerts.skippedWindowMinutes', step: 1 },
  { key: 'notReadyMinutes', label: 'alerts.notReadyMinutes', step: 1 },
  { key: 'clockSkewSeconds', label: 'alerts.clockSkewSeconds', step: 1 },
  { key: 'freeDiskMb', label: 'alerts.freeDiskMb', step: 1 },
];

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** The admin's alert settings: one form, saved whole through PUT /api/alerts/settings (the hub parses it). */
export function AlertSettingsForm() {
  const i18n = useI18n();
  const { t } = i18n;
  const loaded = useLoad(() => call(API.alertSettings), 'alert-settings');
  const [s, setS] = useState<z.output<typeof AlertSettings> | null>(null);
  const [secrets, setSecrets] = useState({ smtp: false, webhook: false });
  const { notice, run } = useActionNotice();
  useEffect(() => {
    if (!loaded.data) return;
    const { smtpPasswordSet, webhookSecretSet, ...rest } = loaded.data;
    setS(rest);
    setSecrets({ smtp: smtpPasswordSet, webhook: webhookSecretSet });
  }, [loaded.data]);
  if (loaded.error !== null) return <Notice kind="error">{apiErrorText(i18n, loaded.error)}</Notice>;
  if (!s) return null;
  const put = (patch: Partial<typeof s>) => setS({ ...s, ...patch });
  const num = (value: string) => (value === '' ? 0 : Number(value));
  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const answer = await call(API.saveAlertSettings, { body: s satisfies Settings });
      setSecrets({ smtp: answer.smtpPasswordSet, webhook: answer.webhookSecretSet });
    }, { key: 'common.saved' });
  };
  const smtp = s.smtp;
  const hook = s.webhook;
  return (
    <form className="form panel" onSubmit={(e) => void save(e)} aria-label={t('alerts.settings')}>
      <h2>{t('alerts.settings')}</h2>
      <Check label={t('alerts.enabled')} checked={s.enabled} onChange={(enabled) => put({ enabled })} />
      <Field label={t('alerts.checkSeconds')}>{(c) => <input {...c} type="number" min={0.2} step="any" value={s.checkSeconds} onChange={(e) => put({ checkSeconds: num(e.target.value) })} />}</Field>
      <Field label={t('alerts.groupSeconds')} hint={t('alerts.groupHint')}>
        {(c) => <input {...c} type="number" min={0} step="any" value={s.groupSeconds} onChange={(e) => put({ groupSeconds: num(e.target.value) })} />}
      </Field>
      <fieldset className="group-box">
        <legend>{t('alerts.rules')}</legend>
        {THRESHOLDS.map((th) => (
          <Field key={th.key} label={t(th.label)}>
            {(c) => <input {...c} type="number" step={th.step} value={s.thresholds[th.key]} onChange={(e) => put({ thresholds: { ...s.thresholds, [th.key]: num(e.target.value) } })} />}
          </Field>
        ))}
      </fieldset>
      <fieldset className="group-box">
        <legend>{t('alerts.quiet')}</legend>
        <Check label={t('alerts.quietOn')} checked={s.quietHours !== null} onChange={(on) => put({ quietHours: on ? { from: '22:00', to: '06:00' } : null })} />
        {s.quietHours && (
          <>
            <Field label={t('alerts.quietFrom')}>{(c) => <input {...c} type="time" value={s.quietHours!.from} onChange={(e) => put({ quietHours: { ...s.quietHours!, from: e.target.value } })} />}</Field>
            <Field label={t('alerts.quietTo')}>{(c) => <input {...c} type="time" value={s.quietHours!.to} onChange={(e) => put({ quietHours: { ...s.quietHours!, to: e.target.value } })} />}</Field>
          </>
        )}
      </fieldset>
      <fieldset className="group-box">
        <legend>{t('alerts.smtp')}</legend>
        <Check label={t('alerts.smtpOn')} checked={smtp !== null} onChange={(on) => put({ smtp: on ? { host: '', port: 587, starttls: true, allowSelfSigned: false, user: '', password: '', from: '' } : null })} />
        {smtp && (
          <>
            <Field label={t('alerts.smtpHost')}>{(c) => <input {...c} required value={smtp.host} onChange={(e) => put({ smtp: { ...smtp, host: e.target.value } })} />}</Field>
            <Field label={t('alerts.smtpPort')}>{(c) => <input {...c} type="number" min={1} max={65535} value={smtp.port} onChange={(e) => put({ smtp: { ...smtp, port: num(e.target.value) } })} />}</Field>
            <Check label={t('alerts.smtpStarttls')} checked={smtp.starttls} onChange={(starttls) => put({ smtp: { ...smtp, starttls } })} />
            <Check label={t('alerts.smtpSelfSigned')} checked={smtp.allowSelfSigned} onChange={(allowSelfSigned) => put({ smtp: { ...smtp, allowSelfSigned } })} />
            <Field label={t('alerts.smtpUser')}>{(c) => <input {...c} autoComplete="off" value={smtp.user} onChange={(e) => put({ smtp: { ...smtp, user: e.target.value } })} />}</Field>
            <Field label={t('alerts.smtpPassword')} hint={secrets.smtp ? t('alerts.secretKept') : undefined}>
              {(c) => <input {...c} type="password" autoComplete="new-password" value={smtp.password} onChange={(e) => put({ smtp: { ...smtp, password: e.target.value } })} />}
            </Field>
            <Field label={t('alerts.smtpFrom')}>{(c) => <input {...c} type="email" required value={smtp.from} onChange={(e) => put({ smtp: { ...smtp, from: e.target.value } })} />}</Field>
          </>
        )}
      </fieldset>
      <fieldset className="group-box">
        <legend>{t('alerts.webhook')}</legend>
        <Check label={t('alerts.webhookOn')} checked={hook !== null} onChange={(on) => put({ webhook: on ? { url: '', secret: '' } : null })} />
        {hook && (
          <>
            <Field label={t('alerts.webhookUrl')}>{(c) => <input {...c} type="url" required value={hook.url} onChange={(e) => put({ webhook: { ...hook, url: e.target.value } })} />}</Field>
            <Field label={t('alerts.webhookSecret')} hint={secrets.webhook ? t('alerts.secretKept') : undefined}>
              {(c) => <input {...c} type="password" autoComplete="new-password" value={hook.secret} onChange={(e) => put({ webhook: { ...hook, secret: e.target.value } })} />}
            </Field>
          </>
        )}
      </fieldset>
      <fieldset className="group-box">
        <legend>{t('alerts.recipients')}</legend>
        <p className="hint">{t('alerts.recipientsHint')}</p>
        {s.recipients.map((r, i) => {
          const change = (patch: Partial<typeof r>) => put({ recipients: s.recipients.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
          return (
            // Keyed by position and count: adding or removing a group remounts the uncontrolled text fields.
            <div key={`${i}-${s.recipients.length}`} className="row">
              <Field label={t('alerts.tags')}>{(c) => <input {...c} defaultValue={r.tags.join(', ')} onBlur={(e) => change({ tags: list(e.target.value) })} />}</Field>
              <Field label={t('alerts.emails')}>{(c) => <input {...c} defaultValue={r.emails.join(', ')} onBlur={(e) => change({ emails: list(e.target.value) })} />}</Field>
              <Check label={t('alerts.toWebhook')} checked={r.webhook} onChange={(webhook) => change({ webhook })} />
              <button type="button" onClick={() => put({ recipients: s.recipients.filter((_, j) => j !== i) })}>
                {t('common.remove')}
              </button>
            </div>
          );
        })}
        <button type="button" onClick={() => put({ recipients: [...s.recipients, { tags: [], emails: [], webhook: true, rules: [...ALERT_RULES] }] })}>
          {t('alerts.addRecipients')}
        </button>
      </fieldset>
      <ActionNotice notice={notice} />
      <button type="submit" className="primary">
        {t('common.save')}
      </button>
    </form>
  );
}

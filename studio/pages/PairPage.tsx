import { useState, type FormEvent } from 'react';
import { API } from '../../playlists/schemas/operator-api.ts';
import { ApiError, call, type Issue } from '../api/client.ts';
import { DeviceSettingsFields, draftOf, settingsOf } from '../components/DeviceSettingsForm.tsx';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { apiErrorText, issueText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';
import { href, navigate } from '../router.ts';

/** Pairing: the code a new screen shows (typed, or from its QR code's link /pair?code=…) and its settings. */
export function PairPage({ code: initial }: { code: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [code, setCode] = useState(initial);
  const [settings, setSettings] = useState(draftOf(null));
  const [issues, setIssues] = useState<readonly Issue[]>([]);
  // The refusal itself, put into words when drawn (so in the current language).
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setIssues([]);
    try {
      const { deviceId } = await call(API.confirmPairing, { body: { code, ...settingsOf(settings) } });
      navigate(`${href('screens', deviceId)}?paired=1`);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.issues.length) setIssues(err.issues);
      setError(err);
    }
  };

  return (
    <section className="page narrow">
      <h1>{t('pair.title')}</h1>
      <p className="muted">{t('pair.lead')}</p>
      <form className="form" onSubmit={submit}>
        <Field label={t('pair.code')} hint={t('pair.codeHint')} errors={issues.filter((i) => i.path === 'code').map((i) => issueText(i18n, i))}>
          {(c) => <input {...c} required autoComplete="off" autoCapitalize="characters" value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <DeviceSettingsFields value={settings} onChange={setSettings} issues={issues} />
        {error !== null && <Notice kind="error">{apiErrorText(i18n, error)}</Notice>}
        <button className="primary" type="submit" disabled={busy}>
          {t('pair.submit')}
        </button>
      </form>
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { postLogin } from '../api/sign-in.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Notice } from '../components/Notice.tsx';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n, type StudioLang } from '../i18n/index.tsx';

/** The only page the first script draws: it sends the login and hands the answer on (App.tsx parses it). */
export function LoginPage({ ended, onSignedIn, onLanguage }: { ended: boolean; onSignedIn(answer: unknown): Promise<void>; onLanguage(lang: StudioLang): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // The refusal itself, put into words when drawn (so in the current language).
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSignedIn(await postLogin(username, password));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <div className="login-card">
        <div className="login-top">
          <p className="brand-name">{t('app.brand')}</p>
          <LanguageSwitch onChange={onLanguage} />
        </div>
        <h1>{t('login.title')}</h1>
        <p className="muted">{t('login.lead')}</p>
        {ended && <Notice kind="info">{t('login.ended')}</Notice>}
        <form onSubmit={submit} className="form">
          <label className="field">
            <span>{t('login.username')}</span>
            <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('login.password')}</span>
            <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          {error !== null && <Notice kind="error">{apiErrorText(i18n, error)}</Notice>}
          <button className="primary" type="submit" disabled={busy}>
            {t('login.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}

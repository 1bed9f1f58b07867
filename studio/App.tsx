import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { Me } from '../playlists/schemas/operator-api.ts';
import { fetchMe } from './api/sign-in.ts';
import { setCsrf, whenSignedOut } from './api/transport.ts';
import { addCatalogues, DEFAULT_ZONE, I18nProvider, rememberLanguage, storedLanguage, type StudioLang } from './i18n/index.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { useRoute } from './router.ts';

// Everything behind the sign-in (the API contract and zod, the whole catalogue, the shell)
// is one chunk: the login page's script carries only this file's imports.
const loadSignedIn = () => import('./app/SignedIn.tsx');
const SignedIn = lazy(() => loadSignedIn().then((m) => ({ default: m.SignedIn })));

type Phase = { kind: 'loading' } | { kind: 'signed-out'; ended: boolean } | { kind: 'signed-in'; me: Me };

export function App() {
  const route = useRoute();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [lang, setLang] = useState<StudioLang>(storedLanguage);
  const [timeZone, setTimeZone] = useState(DEFAULT_ZONE);

  const chooseLanguage = useCallback((next: StudioLang) => {
    setLang(next);
    rememberLanguage(next);
  }, []);

  const accept = useCallback(
    (me: Me) => {
      setCsrf(me.csrf);
      chooseLanguage(me.language);
      setTimeZone(me.timeZone);
      setPhase({ kind: 'signed-in', me });
    },
    [chooseLanguage],
  );

  /** An answer of /api/me or /api/login: parsed with the contract's schema in the signed-in chunk, which brings the whole catalogue. */
  const acceptAnswer = useCallback(
    async (answer: unknown) => {
      const app = await loadSignedIn();
      addCatalogues(app.catalogues);
      accept(app.readMe(answer));
    },
    [accept],
  );

  const signedOut = useCallback(() => setPhase({ kind: 'signed-out', ended: false }), []);

  useEffect(() => {
    whenSignedOut(() => {
      setCsrf(null);
      setPhase((p) => (p.kind === 'signed-in' ? { kind: 'signed-out', ended: true } : p));
    });
    fetchMe()
      .then(acceptAnswer)
      .catch(() => setPhase({ kind: 'signed-out', ended: false }));
  }, [acceptAnswer]);

  return (
    <I18nProvider lang={lang} timeZone={timeZone}>
      {phase.kind === 'loading' && <div className="loading" aria-busy="true" />}
      {phase.kind === 'signed-out' && <LoginPage ended={phase.ended} onSignedIn={acceptAnswer} onLanguage={chooseLanguage} />}
      {phase.kind === 'signed-in' && (
        <Suspense fallback={<div className="loading" aria-busy="true" />}>
          <SignedIn me={phase.me} route={route} onMe={accept} onLanguage={chooseLanguage} onSignedOut={signedOut} />
        </Suspense>
      )}
    </I18nProvider>
  );
}

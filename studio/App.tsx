import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { API, type Me } from '../playlists/schemas/operator-api.ts';
import { call, setCsrf, whenSignedOut } from './api/client.ts';
import { canAct, SessionContext, type Session } from './app/session.tsx';
import { DEFAULT_ZONE, I18nProvider, rememberLanguage, storedLanguage, type StudioLang } from './i18n/index.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { navigate, useRoute } from './router.ts';

// Everything behind the sign-in loads in its own chunk: the login page needs only this file's imports.
const Shell = lazy(() => import('./app/Shell.tsx').then((m) => ({ default: m.Shell })));

type Phase = { kind: 'loading' } | { kind: 'signed-out'; ended: boolean } | { kind: 'signed-in'; me: Me };

export function App() {
  const route = useRoute();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [lang, setLang] = useState<StudioLang>(storedLanguage);
  const [timeZone, setTimeZone] = useState(DEFAULT_ZONE);

  const accept = useCallback((me: Me) => {
    setCsrf(me.csrf);
    setLang(me.language);
    rememberLanguage(me.language);
    setTimeZone(me.timeZone);
    setPhase({ kind: 'signed-in', me });
  }, []);

  useEffect(() => {
    whenSignedOut(() => {
      setCsrf(null);
      setPhase((p) => (p.kind === 'signed-in' ? { kind: 'signed-out', ended: true } : p));
    });
    void call(API.settings).then((s) => setTimeZone((z) => (z === DEFAULT_ZONE ? s.timeZone : z)), () => undefined);
    call(API.me).then(accept, () => setPhase({ kind: 'signed-out', ended: false }));
  }, [accept]);

  const session = useMemo<Session | null>(() => {
    if (phase.kind !== 'signed-in') return null;
    const me = phase.me;
    return {
      me,
      can: (role) => canAct(me, role),
      setLanguage: (next) => {
        setLang(next);
        rememberLanguage(next);
        void call(API.setLanguage, { body: { language: next } }).then(accept, () => undefined);
      },
      refresh: () => call(API.me).then(accept),
      signOut: async () => {
        await call(API.logout).catch(() => undefined);
        setCsrf(null);
        setPhase({ kind: 'signed-out', ended: false });
        navigate('/');
      },
    };
  }, [phase, accept]);

  const chooseLanguage = (next: StudioLang) => {
    setLang(next);
    rememberLanguage(next);
  };

  return (
    <I18nProvider lang={lang} timeZone={timeZone}>
      {phase.kind === 'loading' && <div className="loading" aria-busy="true" />}
      {phase.kind === 'signed-out' && <LoginPage ended={phase.ended} onSignedIn={accept} onLanguage={chooseLanguage} />}
      {session && (
        <SessionContext.Provider value={session}>
          <Suspense fallback={<div className="loading" aria-busy="true" />}>
            <Shell route={route} />
          </Suspense>
        </SessionContext.Provider>
      )}
    </I18nProvider>
  );
}

import { useMemo } from 'react';
import { parseUnknown } from '../../playlists/parse.ts';
import { API, type Me } from '../../playlists/schemas/operator-api.ts';
import { call, setCsrf } from '../api/client.ts';
import { en } from '../i18n/en.ts';
import type { Catalogues, StudioLang } from '../i18n/index.tsx';
import { vi } from '../i18n/vi.ts';
import { navigate, type Route } from '../router.ts';
import { canAct, SessionContext, type Session } from './session.tsx';
import { Shell } from './Shell.tsx';

/**
 * Everything behind the sign-in, in one chunk the login page never loads:
 * the API contract and zod (through client.ts), the whole catalogue, the
 * session and the app shell.
 */

export const catalogues: Catalogues = { vi, en };

/** An answer of GET /api/me or POST /api/login (the login page's calls), parsed with the route table's schema. */
export const readMe = (raw: unknown): Me => parseUnknown(API.me.response, raw, 'GET /api/me');

export function SignedIn({ me, route, onMe, onLanguage, onSignedOut }: { me: Me; route: Route; onMe(me: Me): void; onLanguage(lang: StudioLang): void; onSignedOut(): void }) {
  const session = useMemo<Session>(
    () => ({
      me,
      can: (role) => canAct(me, role),
      setLanguage: (next) => {
        onLanguage(next);
        void call(API.setLanguage, { body: { language: next } }).then(onMe, () => undefined);
      },
      refresh: () => call(API.me).then(onMe),
      signOut: async () => {
        await call(API.logout).catch(() => undefined);
        setCsrf(null);
        onSignedOut();
        navigate('/');
      },
    }),
    [me, onMe, onLanguage, onSignedOut],
  );
  return (
    <SessionContext.Provider value={session}>
      <Shell route={route} />
    </SessionContext.Provider>
  );
}

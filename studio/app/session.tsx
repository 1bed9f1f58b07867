import { createContext, useContext } from 'react';
import { atLeast, type Me, type Role } from '../../playlists/schemas/operator-api.ts';
import type { StudioLang } from '../i18n/index.tsx';

export interface Session {
  me: Me;
  can(role: Role): boolean;
  setLanguage(lang: StudioLang): void;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export const canAct = (me: Me, role: Role): boolean => atLeast(me.role, role);

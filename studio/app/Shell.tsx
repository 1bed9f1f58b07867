import { lazy, Suspense } from 'react';
import type { Role } from '../../playlists/schemas/operator-api.ts';
import { EmergencyDraftNotice } from '../components/EmergencyDraftNotice.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Link } from '../components/Link.tsx';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { AccountPage } from '../pages/AccountPage.tsx';
import { AlertsPage } from '../pages/AlertsPage.tsx';
import { AuditPage } from '../pages/AuditPage.tsx';
import { BoardPage, BoardQueue } from '../pages/BoardPage.tsx';
import { ChannelsPage } from '../pages/ChannelsPage.tsx';
import { EmergencyPage } from '../pages/EmergencyPage.tsx';
import { FleetPage } from '../pages/FleetPage.tsx';
import { HistoryPage } from '../pages/HistoryPage.tsx';
import { NoticesLink, NoticesPage } from '../pages/NoticesPage.tsx';
import { MediaPage } from '../pages/MediaPage.tsx';
import { PairPage } from '../pages/PairPage.tsx';
import { ReportsPage } from '../pages/ReportsPage.tsx';
import { RootPage } from '../pages/RootPage.tsx';
import { ScreenPage } from '../pages/ScreenPage.tsx';
import { UsersPage } from '../pages/UsersPage.tsx';
import type { Route } from '../router.ts';
import { useSession } from './session.tsx';

// The channel editor (forms, calendar, drag and drop, preview) is the largest part: its own chunk.
const ChannelEditor = lazy(() => import('../editor/ChannelEditor.tsx').then((m) => ({ default: m.ChannelEditor })));

const NAV: { path: string; label: MessageKey; role: Role }[] = [
  { path: '/', label: 'nav.screens', role: 'viewer' },
  { path: '/channels', label: 'nav.channels', role: 'viewer' },
  { path: '/library', label: 'nav.media', role: 'viewer' },
  { path: '/emergency', label: 'nav.emergency', role: 'viewer' },
  { path: '/reports', label: 'nav.reports', role: 'viewer' },
  { path: '/alerts', label: 'nav.alerts', role: 'viewer' },
  { path: '/users', label: 'nav.users', role: 'admin' },
  { path: '/audit', label: 'nav.audit', role: 'viewer' },
  { path: '/board', label: 'nav.board', role: 'viewer' },
  { path: '/root', label: 'nav.root', role: 'admin' },
];

function page(route: Route) {
  const [first, second, third] = route.parts;
  switch (first) {
    case undefined:
    case 'screens':
      return second ? <ScreenPage id={second} /> : <FleetPage />;
    case 'pair':
      return <PairPage code={route.query.get('code') ?? ''} />;
    case 'channels':
      if (second && third === 'history') return <HistoryPage channel={second} />;
      return second ? <ChannelEditor id={second} tab={route.query.get('tab') ?? 'loops'} /> : <ChannelsPage />;
    // /media/<sha256> is the hub's file path; the library page lives at /library.
    case 'library':
      return <MediaPage />;
    case 'emergency':
      return <EmergencyPage />;
    case 'reports':
      return <ReportsPage />;
    case 'alerts':
      return <AlertsPage />;
    case 'users':
      return <UsersPage />;
    case 'account':
      return <AccountPage />;
    case 'audit':
      return <AuditPage />;
    case 'board':
      return second ? <BoardPage channel={second} /> : <BoardQueue />;
    case 'notices':
      return <NoticesPage />;
    case 'root':
      return <RootPage />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section className="page">
      <h1>{t('notFound.title')}</h1>
      <Link href="/">{t('notFound.back')}</Link>
    </section>
  );
}

export function Shell({ route }: { route: Route }) {
  const { t } = useI18n();
  const session = useSession();
  const current = `/${route.parts[0] ?? ''}`;
  const active = (path: string) => (path === '/' ? current === '/' || current === '/screens' || current === '/pair' : current === path);
  // A one-time password must be changed before anything else (the hub refuses the rest).
  const body = session.me.mustChangePassword ? <AccountPage forced /> : page(route);
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <Link className="brand-name" href="/">
          {t('app.brand')}
        </Link>
        <nav aria-label={t('nav.label')}>
          <ul>
            {NAV.filter((n) => session.can(n.role)).map((n) => (
              <li key={n.path}>
                <Link href={n.path} aria-current={active(n.path) ? 'page' : undefined}>
                  {t(n.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="top-end">
          <LanguageSwitch onChange={session.setLanguage} />
          {!session.me.mustChangePassword && <NoticesLink path={current} />}
          <Link href="/account" className="account-link" aria-current={current === '/account' ? 'page' : undefined}>
            {session.me.username}
          </Link>
          <button type="button" className="link-button" onClick={() => void session.signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {session.can('approver') && current !== '/emergency' && <EmergencyDraftNotice />}
        <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>{body}</Suspense>
      </main>
    </div>
  );
}

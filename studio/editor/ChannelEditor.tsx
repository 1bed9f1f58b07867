import { useCallback, useEffect, useMemo, useState } from 'react';
import { API, type ChannelDetail } from '../../playlists/schemas/operator-api.ts';
import { ApiError, call, type Issue } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { Link } from '../components/Link.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { href } from '../router.ts';
import { ActionBar } from './ActionBar.tsx';
import { ReviewState } from './ReviewState.tsx';
import { channelActions } from './actions.ts';
import { AudiencePanel } from './AudiencePanel.tsx';
import { EditorContext, type EditorState } from './context.tsx';
import { setIn, type JsonObject } from './draft-ops.ts';
import { IssueList } from './IssueList.tsx';
import { ItemsPanel } from './items/ItemsPanel.tsx';
import { JsonPanel } from './JsonPanel.tsx';
import { KioskPanel } from './kiosk/KioskPanel.tsx';
import { channelLanguages } from './languages.ts';
import { LanguagesPanel } from './LanguagesPanel.tsx';
import { LoopsPanel } from './LoopsPanel.tsx';
import { PreviewPanel } from '../preview/PreviewPanel.tsx';
import { SchedulePanel } from './schedule/SchedulePanel.tsx';
import { checkDraft } from './validate.ts';
import { ActionNotice, useActionNotice } from '../components/useActionNotice.tsx';

export const TABS: { id: string; label: MessageKey }[] = [
  { id: 'loops', label: 'tab.loops' },
  { id: 'items', label: 'tab.items' },
  { id: 'schedule', label: 'tab.schedule' },
  { id: 'audience', label: 'tab.audience' },
  { id: 'kiosk', label: 'tab.kiosk' },
  { id: 'languages', label: 'tab.languages' },
  { id: 'preview', label: 'tab.preview' },
  { id: 'json', label: 'tab.json' },
];

export function ChannelEditor({ id, tab }: { id: string; tab: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const channel = useLoad(() => call(API.getChannel, { params: { id } }), id);
  const media = useLoad(() => call(API.listMedia), 'media');
  const devices = useLoad(() => call(API.listDevices), 'devices');
  const [draft, setDraft] = useState<JsonObject | null>(null);
  const [dirty, setDirty] = useState(false);
  const [extraLanguages, setExtraLanguages] = useState<string[]>([]);
  const [serverIssues, setServerIssues] = useState<readonly Issue[]>([]);
  const { notice, run: say } = useActionNotice();
  const [busy, setBusy] = useState(false);

  const detail: ChannelDetail | null = channel.data;
  useEffect(() => {
    if (detail && draft === null) setDraft(detail.draft as JsonObject);
  }, [detail, draft]);

  // Leaving with unsaved edits asks first (the browser's own prompt).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const library = media.data?.media ?? [];
  const localIssues = useMemo(() => (draft && media.data ? checkDraft(draft, library) : []), [draft, media.data]);
  const issues = localIssues.length ? localIssues : serverIssues;

  const change = useCallback((next: (d: JsonObject) => JsonObject) => {
    setDraft((d) => (d ? next(d) : d));
    setDirty(true);
    setServerIssues([]);
  }, []);

  const state: EditorState | null = useMemo(() => {
    if (!draft) return null;
    return {
      draft,
      change,
      set: (path, value) => change((d) => setIn(d, path, value)),
      issues,
      languages: channelLanguages(draft, extraLanguages),
      addLanguage: (lang) => setExtraLanguages((l) => (l.includes(lang) ? l : [...l, lang])),
      media: library,
      devices: devices.data?.devices ?? [],
      canEdit: session.can('editor') && !detail?.system,
    };
  }, [draft, change, issues, extraLanguages, library, devices.data, session, detail]);

  const run = async (what: () => Promise<unknown>, done: MessageKey) => {
    setBusy(true);
    await say(async () => {
      try {
        await what();
      } catch (err) {
        if (err instanceof ApiError) setServerIssues(err.issues);
        throw err;
      }
      setDirty(false);
      channel.reload();
    }, { key: done });
    setBusy(false);
  };

  if (!detail || !state) {
    return <section className="page">{channel.error !== null ? <Notice kind="error">{apiErrorText(i18n, channel.error)}</Notice> : <p aria-busy="true">{t('common.loading')}</p>}</section>;
  }

  const save = (submit: boolean) => run(() => call(API.saveDraft, { params: { id }, body: { draft: state.draft, submit } }), submit ? 'editor.submitted' : 'common.saved');
  const publish = () => run(() => call(API.publishChannel, { params: { id } }), 'editor.published');
  const current = TABS.some((x) => x.id === tab) ? tab : 'loops';
  const title = typeof draft?.title === 'string' && draft.title ? draft.title : detail.title;

  return (
    <EditorContext.Provider value={state}>
      <section className="page editor">
        <div className="page-head">
          <div>
            <p className="crumbs">
              <Link href="/channels">{t('nav.channels')}</Link>
            </p>
            <h1>{title}</h1>
            <p className="muted">
              {t(`channelState.${detail.state}`)}
              {detail.version > 0 && ` · ${t('channels.version', { version: detail.version })}`}
              {dirty && ` · ${t('editor.unsaved')}`}
            </p>
          </div>
          <ActionBar
            actions={channelActions({ state: detail.state, version: detail.version, dirty, problems: issues.length, canEdit: session.can('editor'), canPublish: session.can('approver'), system: detail.system })}
            busy={busy}
            onSave={() => void save(false)}
            onSubmit={() => void save(true)}
            onPublish={() => void publish()}
          />
        </div>
        <ActionNotice notice={notice} />
        <ReviewState detail={detail} canEdit={session.can('editor') && !dirty} busy={busy} onWithdraw={() => void run(() => call(API.withdrawSubmission, { params: { id } }), 'editor.withdrawn')} />
        <IssueList issues={issues} />
        <nav className="tabs" aria-label={t('editor.sections')}>
          <ul>
            {TABS.map((x) => (
              <li key={x.id}>
                <Link href={`${href('channels', id)}?tab=${x.id}`} aria-current={x.id === current ? 'page' : undefined}>
                  {t(x.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="tab-body">
          {current === 'loops' && <LoopsPanel />}
          {current === 'items' && <ItemsPanel />}
          {current === 'schedule' && <SchedulePanel />}
          {current === 'audience' && <AudiencePanel />}
          {current === 'kiosk' && <KioskPanel />}
          {current === 'languages' && <LanguagesPanel />}
          {current === 'preview' && <PreviewPanel channel={id} />}
          {current === 'json' && <JsonPanel onReplace={(d) => change(() => d)} />}
        </div>
      </section>
    </EditorContext.Provider>
  );
}

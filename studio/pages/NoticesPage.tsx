import { useEffect, useState, type FormEvent } from 'react';
import type { Notice as BoardNotice } from '../../playlists/schemas/board-workflow.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { Link } from '../components/Link.tsx';
import { Notice } from '../components/Notice.tsx';
import { ActionNotice, useActionNotice } from '../components/useActionNotice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n, type I18n, type MessageKey } from '../i18n/index.tsx';
import { href } from '../router.ts';

export const noticeText = (i18n: I18n, n: BoardNotice) => i18n.t(`notices.${n.kind}`, { who: n.by, version: String(n.version), channel: n.title });

/** Marking notices read on their page tells the header's count at once. */
const READ = 'pano:notices-read';

/** The link in the header: how many notices I have not read; it refreshes with every page and every 30 s. */
export function NoticesLink({ path }: { path: string }) {
  const { t } = useI18n();
  const list = useLoad(() => call(API.listNotices), `notices-${path}`, 30_000);
  const { reload } = list;
  useEffect(() => {
    window.addEventListener(READ, reload);
    return () => window.removeEventListener(READ, reload);
  }, [reload]);
  const unread = list.data?.unread ?? 0;
  return (
    <Link href="/notices" className="account-link" aria-current={path === '/notices' ? 'page' : undefined}>
      {unread > 0 ? t('notices.navUnread', { count: String(unread) }) : t('notices.nav')}
    </Link>
  );
}

/** My notices: submitted, signed, sent back (with the remark), withdrawn, published; and where they are e-mailed. */
export function NoticesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useLoad(() => call(API.listNotices), 'notices');
  const [email, setEmail] = useState<string | null>(null);
  const { notice, run } = useActionNotice();
  useEffect(() => {
    if (list.data && email === null) setEmail(list.data.email ?? '');
  }, [list.data, email]);

  const act = async (work: () => Promise<unknown>, done?: MessageKey) => {
    await run(async () => void (await work()), done ? { key: done } : undefined);
    list.reload();
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void act(() => call(API.setNoticeEmail, { body: { email: email?.trim() ? email.trim() : null } }), 'notices.emailSaved');
  };

  const notices = list.data?.notices ?? [];
  return (
    <section className="page">
      <h1>{t('notices.title')}</h1>
      {list.error !== null && <Notice kind="error">{apiErrorText(i18n, list.error)}</Notice>}
      <ActionNotice notice={notice} />
      {list.data && notices.length === 0 && <p>{t('notices.empty')}</p>}
      {(list.data?.unread ?? 0) > 0 && (
        <button type="button" onClick={() => void act(() => call(API.readNotices).then(() => window.dispatchEvent(new Event(READ))))}>
          {t('notices.readAll')}
        </button>
      )}
      <ul className="notices">
        {notices.map((n) => (
          <li key={n.id} className={n.read ? undefined : 'unread'}>
            <p>
              {!n.read && <strong>{t('notices.unread')} · </strong>}
              {i18n.dateTime(n.at)} · <Link href={n.kind === 'submitted' ? href('board', n.channel) : href('channels', n.channel)}>{noticeText(i18n, n)}</Link>
            </p>
            {n.remark && <blockquote>{n.remark}</blockquote>}
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={save}>
        <Field label={t('notices.email')} hint={t('notices.emailHint')}>
          {(c) => <input {...c} type="email" autoComplete="email" value={email ?? ''} onChange={(e) => setEmail(e.target.value)} />}
        </Field>
        <button type="submit">{t('common.save')}</button>
      </form>
    </section>
  );
}

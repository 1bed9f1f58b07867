import { useState, type FormEvent } from 'react';
import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { Field } from '../components/Field.tsx';
import { Link } from '../components/Link.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { slugId } from '../editor/draft-ops.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';
import { href, navigate } from '../router.ts';

export function ChannelsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const channels = useLoad(() => call(API.listChannels), 'channels');
  const [title, setTitle] = useState('');
  // The refusal itself, put into words when drawn (so in the current language).
  const [error, setError] = useState<unknown>(null);
  const list = channels.data?.channels ?? [];

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const id = slugId(title, list.map((c) => c.id), 'channel');
      const created = await call(API.createChannel, { body: { id, title } });
      navigate(href('channels', created.id));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="page">
      <h1>{t('channels.title')}</h1>
      {channels.error !== null && <Notice kind="error">{apiErrorText(i18n, channels.error)}</Notice>}
      <ul className="cards">
        {list.map((c) => (
          <li key={c.id} className="card" data-channel={c.id}>
            <div className="card-head">
              <Link className="card-title" href={href('channels', c.id)}>
                {c.title}
              </Link>
              <span className={`badge badge-${c.state}`}>{t(`channelState.${c.state}`)}</span>
            </div>
            <p className="muted">
              {c.version > 0 ? t('channels.published', { version: c.version, at: c.publishedAt ? i18n.dateTime(c.publishedAt) : '', by: c.publishedBy ?? '' }) : t('channels.never')}
            </p>
            <p className="muted">{c.submittedAt && c.state === 'submitted' ? t('channels.submittedBy', { by: c.submittedBy ?? '', at: i18n.dateTime(c.submittedAt) }) : t('channels.editedBy', { by: c.draftBy, at: i18n.dateTime(c.draftAt) })}</p>
          </li>
        ))}
      </ul>
      {session.can('editor') && (
        <form className="panel inline-form" onSubmit={create}>
          <Field label={t('channels.newTitle')}>{(c) => <input {...c} required value={title} onChange={(e) => setTitle(e.target.value)} />}</Field>
          <button type="submit" className="primary">
            {t('channels.create')}
          </button>
          {error !== null && <Notice kind="error">{apiErrorText(i18n, error)}</Notice>}
        </form>
      )}
    </section>
  );
}

import { useState } from 'react';
import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';
import { MediaCard } from '../media/MediaCard.tsx';
import { UploadQueue } from '../media/UploadQueue.tsx';

export function MediaPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [q, setQ] = useState('');
  const media = useLoad(() => call(API.listMedia, { query: { q: q.trim() || undefined } }), q);
  const items = media.data?.media ?? [];

  return (
    <section className="page">
      <h1>{t('media.heading')}</h1>
      {session.can('editor') && <UploadQueue onUploaded={media.reload} />}
      <div className="toolbar" role="search">
        <Field label={t('media.search')}>{(c) => <input {...c} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}</Field>
      </div>
      {media.error !== null && <Notice kind="error">{apiErrorText(i18n, media.error)}</Notice>}
      {media.data && items.length === 0 && <p>{t('media.empty')}</p>}
      <ul className="cards media-grid">
        {items.map((m) => (
          <MediaCard key={m.sha256} item={m} canEdit={session.can('editor')} onChanged={media.reload} />
        ))}
      </ul>
    </section>
  );
}

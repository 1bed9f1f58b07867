import { useState, type FormEvent } from 'react';
import { API, type MediaItem } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { formatDuration, formatLocalDate, parseLocalDate } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import { ActionNotice, useActionNotice } from '../components/useActionNotice.tsx';

/** One file of the library: thumbnail, play in place, title, tags, last day of use, delete. */
export function MediaCard({ item, canEdit, onChanged }: { item: MediaItem; canEdit: boolean; onChanged(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [playing, setPlaying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(item.title);
  const [tags, setTags] = useState(item.tags.join(', '));
  const [expires, setExpires] = useState(item.expiresAt ? formatLocalDate(item.expiresAt) : '');
  const [dateBad, setDateBad] = useState(false);
  const { notice, run } = useActionNotice();

  const save = (e: FormEvent) => {
    e.preventDefault();
    const expiresAt = expires.trim() ? parseLocalDate(expires) : null;
    setDateBad(Boolean(expires.trim() && !expiresAt));
    if (expires.trim() && !expiresAt) return;
    void run(async () => {
      await call(API.updateMedia, { params: { sha: item.sha256 }, body: { title, tags: tags.split(',').map((s) => s.trim()).filter(Boolean), expiresAt } });
      setEditing(false);
      onChanged();
    }, { key: 'common.saved' });
  };

  const remove = () => {
    if (!window.confirm(t('media.deleteConfirm', { title: item.title }))) return;
    void run(async () => {
      await call(API.deleteMedia, { params: { sha: item.sha256 } });
      onChanged();
    });
  };

  const facts = [
    t(`mediaKind.${item.kind}`),
    i18n.size(item.size),
    item.width && item.height ? `${item.width}×${item.height}` : '',
    item.durationSec ? formatDuration(item.durationSec) : '',
  ].filter(Boolean);

  return (
    <li className="card media-card" data-sha={item.sha256}>
      <div className="media-visual">
        {playing && item.kind === 'video' ? (
          <video src={item.url} controls autoPlay muted playsInline aria-label={item.title} />
        ) : playing && item.kind === 'image' ? (
          <img src={item.url} alt={item.title} />
        ) : item.thumbnailUrl ? (
          <img src={item.thumbnailUrl} alt={t('media.thumbnailOf', { title: item.title })} loading="lazy" />
        ) : (
          <div className="media-placeholder" aria-hidden="true">
            {t(`mediaKind.${item.kind}`)}
          </div>
        )}
      </div>
      <div className="media-body">
        <h3 className="card-title">{item.title}</h3>
        <p className="muted">{facts.join(' · ')}</p>
        {item.tags.length > 0 && (
          <ul className="tags" aria-label={t('media.tags')}>
            {item.tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        )}
        {item.expiresAt && <p className={item.expired ? 'warn' : 'muted'}>{t(item.expired ? 'media.expired' : 'media.expires', { date: formatLocalDate(item.expiresAt) })}</p>}
        {item.usedBy.length > 0 && <p className="muted">{t('media.usedBy', { channels: item.usedBy.map((c) => c.title).join(', ') })}</p>}
        {item.warning && <p className="warn">{t('media.warning')}</p>}
        <ActionNotice notice={notice} />
        <div className="actions">
          {(item.kind === 'video' || item.kind === 'image') && (
            <button type="button" onClick={() => setPlaying((p) => !p)} aria-pressed={playing}>
              {t(playing ? 'media.stop' : item.kind === 'video' ? 'media.play' : 'media.view')}
            </button>
          )}
          {canEdit && (
            <button type="button" onClick={() => setEditing((v) => !v)} aria-expanded={editing}>
              {t('common.edit')}
            </button>
          )}
          {canEdit && (
            <button type="button" className="danger" onClick={() => void remove()}>
              {t('common.delete')}
            </button>
          )}
        </div>
        {editing && (
          <form className="form" onSubmit={save}>
            <Field label={t('media.title')}>{(c) => <input {...c} required value={title} onChange={(e) => setTitle(e.target.value)} />}</Field>
            <Field label={t('media.tags')} hint={t('media.tagsHint')}>
              {(c) => <input {...c} value={tags} onChange={(e) => setTags(e.target.value)} />}
            </Field>
            <Field label={t('media.expiresAt')} hint={t('common.dateHint')} errors={dateBad ? [t('issue.date')] : []}>
              {(c) => <input {...c} inputMode="numeric" value={expires} onChange={(e) => setExpires(e.target.value)} />}
            </Field>
            <button className="primary" type="submit">
              {t('common.save')}
            </button>
          </form>
        )}
      </div>
    </li>
  );
}

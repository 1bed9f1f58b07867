import { lazy, Suspense, useState } from 'react';
import { API } from '../../playlists/schemas/operator-api.ts';
import type { Submission } from '../../playlists/schemas/board.ts';
import { call, urlOf } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { useI18n } from '../i18n/index.tsx';
import { createKey, type ApproverKeyPair } from './approver-key.ts';
import { ActionNotice, useActionNotice } from '../components/useActionNotice.tsx';

// The preview (the renderer's engine, the timeline) is loaded only when an approver opens it.
const FrozenPreview = lazy(() => import('../preview/FrozenPreview.tsx').then((m) => ({ default: m.FrozenPreview })));

/**
 * Beside a frozen submission on the board page: the real-engine preview of
 * exactly its bytes, the signing record of the published version (PDF to
 * file, and the envelope for `pano verify --explain`), and the steps for an
 * approver who lost their key.
 */
export function BoardExtras({ submission, onKey }: { submission: Submission; onKey(key: ApproverKeyPair): void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const session = useSession();
  const [open, setOpen] = useState(false);
  const { notice, run } = useActionNotice();
  const published = submission.publishedVersion;
  const params = { id: submission.channel, version: String(published ?? 0) };

  const replaceKey = () =>
    run(async () => {
      const made = await createKey();
      await call(API.registerApproverKey, { body: { public: made.publicB64 } });
      onKey(made);
      return { key: 'board.lost.done', params: { keyid: made.keyid.slice(0, 16) } };
    });

  return (
    <>
      {published !== null && (
        <p className="actions">
          <a className="button" href={urlOf(API.boardRecordPdf, { params, query: { lang } })} download data-testid="record-pdf">
            {lang === 'vi' ? t('board.record') : t('board.recordEn')}
          </a>{' '}
          <a className="button" href={urlOf(API.versionEnvelope, { params })} download>
            {t('board.envelope')}
          </a>
        </p>
      )}
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('board.preview')}</summary>
        {open && (
          <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
            <FrozenPreview payload={submission.payload} />
          </Suspense>
        )}
      </details>
      {session.can('approver') && (
        <details>
          <summary>{t('board.lost.title')}</summary>
          <ol>
            <li>{t('board.lost.step1')}</li>
            <li>{t('board.lost.step2')}</li>
            <li>{t('board.lost.step3')}</li>
          </ol>
          <button type="button" onClick={() => void replaceKey()}>
            {t('board.lost.make')}
          </button>
          <ActionNotice notice={notice} />
        </details>
      )}
    </>
  );
}

import type { ChannelDetail } from '../../playlists/schemas/operator-api.ts';
import { Link } from '../components/Link.tsx';
import { Notice } from '../components/Notice.tsx';
import { useI18n } from '../i18n/index.tsx';
import { href } from '../router.ts';

/**
 * Where the channel stands with the board, under the editor's header: the
 * approver's remark when a version was sent back (or who withdrew it), a
 * way to withdraw what awaits the board, and the version history.
 */
export function ReviewState({ detail, canEdit, busy, onWithdraw }: { detail: ChannelDetail; canEdit: boolean; busy: boolean; onWithdraw(): void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const back = detail.sentBack;
  return (
    <>
      {back && (
        <div className="sent-back">
          <Notice kind="info">{t(back.remark === null ? 'editor.withdrawnBy' : 'editor.sentBack', { who: back.by, version: String(back.version), at: i18n.dateTime(back.at) })}</Notice>
          {back.remark !== null && <blockquote className="remark">{back.remark}</blockquote>}
        </div>
      )}
      <p className="review-links">
        {canEdit && detail.state === 'submitted' && !detail.system && (
          <button type="button" disabled={busy} onClick={onWithdraw}>
            {t('editor.withdraw')}
          </button>
        )}{' '}
        <Link href={href('channels', detail.id, 'history')}>{t('editor.history')}</Link>
      </p>
    </>
  );
}

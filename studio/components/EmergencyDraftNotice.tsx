import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { href } from '../router.ts';
import { Link } from './Link.tsx';
import { useLoad } from './useLoad.ts';

/** On every page, for approvers (duty officers among them): emergency drafts (a CAP alert's, most often) waiting for a signature. */
export function EmergencyDraftNotice() {
  const { t } = useI18n();
  const list = useLoad(() => call(API.listEmergencyDrafts), 'emergency-draft-notice', 15_000);
  const pending = (list.data?.drafts ?? []).filter((d) => d.state === 'pending').length;
  if (pending === 0) return null;
  return (
    <div className="alert-box" role="alert">
      {t('duty.notice', { count: String(pending) })} <Link href={href('emergency')}>{t('duty.open')}</Link>
    </div>
  );
}

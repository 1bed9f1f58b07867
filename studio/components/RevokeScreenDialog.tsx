import { useRef } from 'react';
import { useI18n } from '../i18n/index.tsx';

/**
 * Revoking a screen cannot be undone from the studio (the screen must be paired
 * again on site), so it takes a second, deliberate step in a dialog that names
 * the screen; a misplaced click on the page does nothing by itself.
 */
export function RevokeScreenDialog({ name, onRevoke }: { name: string; onRevoke: () => void }) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>
        {t('screen.revoke')}
      </button>
      <dialog ref={dialog} className="confirm-dialog" aria-labelledby="revoke-h" data-testid="revoke-dialog">
        <form method="dialog">
          <h2 id="revoke-h">{t('screen.revokeTitle', { name })}</h2>
          <p>{t('screen.revokeExplain')}</p>
          <div className="actions">
            <button type="submit" value="cancel" autoFocus>
              {t('common.cancel')}
            </button>
            <button type="submit" value="revoke" className="danger" onClick={onRevoke}>
              {t('screen.revokeNamed', { name })}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

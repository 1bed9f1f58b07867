import type { DeviceSummary } from '../../playlists/schemas/operator-api.ts';
import { useI18n } from '../i18n/index.tsx';

/**
 * The panel's power as the screen's last heartbeat reports it (core/power):
 * on, off outside operating hours, or unknown; through which backend, since
 * when, woken until when, and the last failed switch. `detailed` adds the
 * backend and the error (the screen page); the fleet card shows the state.
 */
export function DisplayPowerFact({ device, detailed }: { device: DeviceSummary; detailed: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const power = device.heartbeat?.displayPower;
  if (!power && !detailed) return null;
  return (
    <>
      <dt>{t('power.fact')}</dt>
      <dd className={`display-power power-${power?.state ?? 'unreported'}`} data-testid="display-power">
        {!power ? (
          t('power.unreported')
        ) : (
          <>
            {t('power.since', { state: t(`power.state.${power.state}`), at: i18n.dateTime(power.since) })}
            {detailed && <span className="muted"> {t(`power.via.${power.backend}`)}</span>}
            {power.wokenUntil && <span className="muted"> · {t('power.woken', { at: i18n.time(power.wokenUntil) })}</span>}
            {detailed && power.lastError && <span className="last-error"> · {t('power.error', { at: i18n.dateTime(power.lastError.at), message: power.lastError.message })}</span>}
          </>
        )}
      </dd>
    </>
  );
}

import type { z } from 'zod';
import type { DeviceLogPull } from '../../playlists/schemas/fleet-ops.ts';
import { useI18n } from '../i18n/index.tsx';

/**
 * The screen's latest log pull: monospace, scrollable inside its own box
 * (wide lines scroll sideways rather than stretching a phone's page), and
 * the same text as a .log download.
 */
export function DeviceLog({ log }: { log: z.infer<typeof DeviceLogPull> | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <section aria-labelledby="log-h" className="device-log">
      <h3 id="log-h">{t('log.title')}</h3>
      {log === null ? (
        <p className="muted">{t('log.none')}</p>
      ) : (
        <>
          <p className="muted" data-testid="log-facts">
            {t('log.pulled', { at: i18n.dateTimeSeconds(log.pulledAt), lines: log.lines, size: i18n.size(log.bytes) })}{' '}
            <a href={log.downloadUrl} download>
              {t('log.download')}
            </a>
          </p>
          <pre className="log-text" tabIndex={0} role="region" aria-label={t('log.text')}>
            {log.text}
          </pre>
        </>
      )}
    </section>
  );
}

import type { z } from 'zod';
import type { Alert, AlertRule } from '../../playlists/schemas/alerts.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { Link } from '../components/Link.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n, type I18n, type MessageKey } from '../i18n/index.tsx';
import { href } from '../router.ts';
import { AlertSettingsForm } from './AlertSettingsForm.tsx';

const RULE_TEXT: Record<AlertRule, MessageKey> = {
  offline: 'alerts.rule.offline',
  stale: 'alerts.rule.stale',
  expired: 'alerts.rule.expired',
  skipping: 'alerts.rule.skipping',
  notReady: 'alerts.rule.notReady',
  chain: 'alerts.rule.chain',
  clockSkew: 'alerts.rule.clockSkew',
  diskFull: 'alerts.rule.diskFull',
};

export const alertText = (i18n: I18n, a: z.infer<typeof Alert>): string => i18n.t(RULE_TEXT[a.rule], a.params);

function AlertTable({ alerts, closed }: { alerts: z.infer<typeof Alert>[]; closed: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('alerts.screen')}</th>
            <th scope="col">{t('alerts.what')}</th>
            <th scope="col">{t('alerts.openedAt')}</th>
            {closed && <th scope="col">{t('alerts.closedAt')}</th>}
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.id} data-rule={a.rule}>
              <td>
                <Link href={href('screens', a.deviceId)}>{a.deviceName}</Link>
              </td>
              <td className="wrap">{alertText(i18n, a)}</td>
              <td>{i18n.dateTime(a.openedAt)}</td>
              {closed && <td>{a.closedAt ? i18n.dateTime(a.closedAt) : ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Open and past alerts for everyone; the rules, quiet hours, recipients, SMTP and webhook for admins. */
export function AlertsPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const alerts = useLoad(() => call(API.listAlerts), 'alerts', 10_000);
  const open = alerts.data?.open ?? [];
  const past = alerts.data?.past ?? [];
  return (
    <section className="page">
      <h1>{t('alerts.title')}</h1>
      <p className="muted">{t('alerts.lead')}</p>
      {alerts.error !== null && <Notice kind="error">{apiErrorText(i18n, alerts.error)}</Notice>}
      <h2>{t('alerts.open', { count: open.length })}</h2>
      {open.length ? <AlertTable alerts={open} closed={false} /> : alerts.data && <p className="muted">{t('alerts.none')}</p>}
      <h2>{t('alerts.past')}</h2>
      {past.length ? <AlertTable alerts={past} closed /> : alerts.data && <p className="muted">{t('alerts.nonePast')}</p>}
      {session.can('admin') && <AlertSettingsForm />}
    </section>
  );
}

import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';

/** Who did what and when, newest first. */
export function AuditPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const log = useLoad(() => call(API.audit), 'audit');
  return (
    <section className="page">
      <h1>{t('audit.title')}</h1>
      {log.error !== null && <Notice kind="error">{apiErrorText(i18n, log.error)}</Notice>}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.who')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {(log.data?.entries ?? []).map((e, i) => (
              <tr key={i}>
                <td>{i18n.dateTime(e.at)}</td>
                <td>{e.username}</td>
                <td>{e.action}</td>
                <td className="wrap">{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

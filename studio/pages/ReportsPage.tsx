import { useState } from 'react';
import { API } from '../../playlists/schemas/operator-api.ts';
import { call, urlOf } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { formatNumber, parseLocalDate } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import { FinanceExport } from './FinanceExport.tsx';
import { ReportScheduleForm } from './ReportScheduleForm.tsx';
import { useSession } from '../app/session.tsx';

type Group = 'day' | 'channel' | 'device' | 'display' | 'item';

/**
 * Proof of play for the finance officer: per day, channel, screen, display or item, every play
 * counted by what happened to it, and why plays did not complete; CSV for the auditor.
 */
export function ReportsPage() {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const session = useSession();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [group, setGroup] = useState<Group>('day');
  const [device, setDevice] = useState('');
  const devices = useLoad(() => call(API.listDevices), 'devices');
  const query = { from: parseLocalDate(from) ?? undefined, to: parseLocalDate(to) ?? undefined, group, device: device || undefined };
  const key = JSON.stringify(query);
  const plays = useLoad(() => call(API.plays, { query }), key);
  const interactions = useLoad(() => call(API.interactions, { query: { from: query.from, to: query.to, device: query.device } }), key);
  const rows = plays.data?.rows ?? [];
  const reasons = plays.data?.reasons ?? [];
  const max = Math.max(1, ...rows.map((r) => r.plays));
  const names = new Map((devices.data?.devices ?? []).map((d) => [d.id, d.name]));

  return (
    <section className="page">
      <h1>{t('reports.title')}</h1>
      <form className="panel inline-form" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('reports.from')} hint={t('common.dateHint')} errors={from && !parseLocalDate(from) ? [t('issue.date')] : []}>
          {(c) => <input {...c} inputMode="numeric" value={from} onChange={(e) => setFrom(e.target.value)} />}
        </Field>
        <Field label={t('reports.to')} hint={t('common.dateHint')} errors={to && !parseLocalDate(to) ? [t('issue.date')] : []}>
          {(c) => <input {...c} inputMode="numeric" value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        <Field label={t('reports.screen')}>
          {(c) => (
            <select {...c} value={device} onChange={(e) => setDevice(e.target.value)}>
              <option value="">{t('reports.allScreens')}</option>
              {(devices.data?.devices ?? []).map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('reports.per')}>
          {(c) => (
            <select {...c} value={group} onChange={(e) => setGroup(e.target.value as Group)}>
              {(['day', 'channel', 'device', 'display', 'item'] as const).map((g) => (
                <option key={g} value={g}>
                  {t(`reports.group.${g}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <a className="button" href={urlOf(API.playsCsv, { query })} download>
          {t('reports.csv')}
        </a>
      </form>
      <FinanceExport from={query.from ?? null} to={query.to ?? null} />
      {session.can('admin') && <ReportScheduleForm />}
      {plays.error !== null && <Notice kind="error">{apiErrorText(i18n, plays.error)}</Notice>}
      {plays.data && rows.length === 0 && <p>{t('reports.empty')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table report">
            <thead>
              <tr>
                <th scope="col">{t(`reports.group.${group}`)}</th>
                <th scope="col">{t('reports.plays')}</th>
                <th scope="col">{t('reports.completed')}</th>
                <th scope="col">{t('reports.interrupted')}</th>
                <th scope="col">{t('reports.skipped')}</th>
                <th scope="col">{t('reports.errors')}</th>
                <th scope="col">{t('reports.hours')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('reports.chart')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{group === 'device' ? (names.get(r.key) ?? r.key) : r.key}</th>
                  <td>{formatNumber(r.plays, lang)}</td>
                  <td>{formatNumber(r.completed, lang)}</td>
                  <td>{formatNumber(r.interrupted, lang)}</td>
                  <td className={r.skipped > 0 ? 'warn' : undefined}>{formatNumber(r.skipped, lang)}</td>
                  <td className={r.errors > 0 ? 'warn' : undefined}>{formatNumber(r.errors, lang)}</td>
                  <td>{formatNumber(r.seconds / 3600, lang, 1)}</td>
                  <td className="bar-cell" aria-hidden="true">
                    <span className="bar" style={{ width: `${(r.plays / max) * 100}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {reasons.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="play-reasons">
            <caption>{t('reports.reasons')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('reports.outcome')}</th>
                <th scope="col">{t('reports.reason')}</th>
                <th scope="col">{t('reports.plays')}</th>
              </tr>
            </thead>
            <tbody>
              {reasons.map((r) => (
                <tr key={`${r.outcome}:${r.reason ?? ''}`}>
                  <td>{t(`outcome.${r.outcome}`)}</td>
                  <td className="wrap">{r.reason ?? t('reports.noReason')}</td>
                  <td>{formatNumber(r.plays, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {interactions.data && (
        <section aria-labelledby="int-h" className="panel">
          <h2 id="int-h">{t('reports.interactions')}</h2>
          <div className="columns">
            {(
              [
                ['reports.byAction', interactions.data.byAction.map((r) => [r.action, r.n])],
                ['reports.bySection', interactions.data.bySection.map((r) => [r.section, r.n])],
                ['reports.byLanguage', interactions.data.byLanguage.map((r) => [r.language, r.n])],
              ] as const
            ).map(([label, list]) => (
              <table key={label} className="table">
                <caption>{t(label)}</caption>
                <tbody>
                  {list.map(([k, n]) => (
                    <tr key={String(k)}>
                      <th scope="row">{String(k)}</th>
                      <td>{formatNumber(Number(n), lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </div>
        </section>
      )}
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { API } from '../../playlists/schemas/operator-api.ts';
import type { ReportFormat, ReportSchedule, ReportScheduleView } from '../../playlists/schemas/report-schedule.ts';
import { call } from '../api/client.ts';
import { Check, Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';
import { ActionNotice, ok, refused, useActionNotice } from '../components/useActionNotice.tsx';

type Sends = z.infer<typeof ReportScheduleView>['sends'];
const FORMATS: readonly ReportFormat[] = ['pdf', 'xlsx'];
const month = (period: string) => `${period.slice(5)}/${period.slice(0, 4)}`;
const list = (text: string) => text.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);

function SendsTable({ sends }: { sends: Sends }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (sends.length === 0) return <p className="muted">{t('reportMail.noneSent')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="report-sends">
        <thead>
          <tr>
            <th scope="col">{t('reportMail.month')}</th>
            <th scope="col">{t('reportMail.state')}</th>
            <th scope="col">{t('reportMail.sentAt')}</th>
          </tr>
        </thead>
        <tbody>
          {sends.map((s) => (
            <tr key={s.period}>
              <td>{month(s.period)}</td>
              <td className="wrap">{s.state === 'sent' ? t('reportMail.state.sent') : t(s.state === 'failed' ? 'reportMail.state.failed' : 'reportMail.state.pending', { attempts: s.attempts, error: s.lastError ?? '' })}</td>
              <td>{s.sentAt ? i18n.dateTime(s.sentAt) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The finance report by mail (admins): who receives it, on which day and hour
 * of the month (the hub's zone), in which files and language; the months the
 * hub has sent; and "send now" to test the saved settings.
 */
export function ReportScheduleForm() {
  const i18n = useI18n();
  const { t, timeZone } = i18n;
  const [reload, setReload] = useState(0);
  const loaded = useLoad(() => call(API.reportSchedule), `report-schedule-${reload}`);
  const [s, setS] = useState<ReportSchedule | null>(null);
  const [recipients, setRecipients] = useState('');
  const { notice, run } = useActionNotice();
  useEffect(() => {
    if (!loaded.data) return;
    const { smtpConfigured: _smtp, sends: _sends, ...schedule } = loaded.data;
    setS(schedule);
    setRecipients(schedule.recipients.join(', '));
  }, [loaded.data]);
  if (loaded.error !== null) return <Notice kind="error">{apiErrorText(i18n, loaded.error)}</Notice>;
  if (!s || !loaded.data) return null;
  const put = (patch: Partial<ReportSchedule>) => setS({ ...s, ...patch });
  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await call(API.saveReportSchedule, { body: { ...s, recipients: list(recipients) } });
      setReload((n) => n + 1);
    }, { key: 'common.saved' });
  };
  const sendNow = () =>
    run(async () => {
      const sent = await call(API.sendReportNow);
      return sent.ok ? ok('reportMail.sentNow', { month: month(sent.period), count: sent.recipients }) : refused('reportMail.refused', { error: sent.error ?? '' });
    });
  const saved = loaded.data;
  return (
    <form className="form panel" onSubmit={(e) => void save(e)} aria-labelledby="report-mail-h">
      <h2 id="report-mail-h">{t('reportMail.title')}</h2>
      <p className="hint">{t('reportMail.hint', { zone: timeZone })}</p>
      {!saved.smtpConfigured && <Notice kind="error">{t('reportMail.noSmtp')}</Notice>}
      <Check label={t('reportMail.enabled')} checked={s.enabled} onChange={(enabled) => put({ enabled })} />
      <Field label={t('reportMail.recipients')} hint={t('reportMail.recipientsHint')}>
        {(c) => <input {...c} value={recipients} onChange={(e) => setRecipients(e.target.value)} />}
      </Field>
      <Field label={t('reportMail.day')}>{(c) => <input {...c} type="number" min={1} max={28} value={s.dayOfMonth} onChange={(e) => put({ dayOfMonth: Number(e.target.value) })} />}</Field>
      <Field label={t('reportMail.hour')}>{(c) => <input {...c} type="number" min={0} max={23} value={s.hour} onChange={(e) => put({ hour: Number(e.target.value) })} />}</Field>
      <fieldset className="group-box">
        <legend>{t('reportMail.formats')}</legend>
        {FORMATS.map((f) => (
          <Check key={f} label={t(`reportMail.${f}`)} checked={s.formats.includes(f)} onChange={(on) => put({ formats: on ? [...new Set([...s.formats, f])] : s.formats.filter((x) => x !== f) })} />
        ))}
      </fieldset>
      <Field label={t('finance.language')}>
        {(c) => (
          <select {...c} value={s.lang} onChange={(e) => put({ lang: e.target.value as ReportSchedule['lang'] })}>
            <option value="vi">{t('finance.lang.vi')}</option>
            <option value="en">{t('finance.lang.en')}</option>
          </select>
        )}
      </Field>
      <Field label={t('finance.department')}>{(c) => <input {...c} maxLength={120} value={s.department} onChange={(e) => put({ department: e.target.value })} />}</Field>
      <ActionNotice notice={notice} />
      <div className="row">
        <button type="submit" className="primary">
          {t('common.save')}
        </button>
        <button type="button" disabled={!saved.smtpConfigured || saved.recipients.length === 0} onClick={() => void sendNow()}>
          {t('reportMail.sendNow')}
        </button>
      </div>
      <p className="hint">{t('reportMail.sendNowHint')}</p>
      <h3>{t('reportMail.sends')}</h3>
      <SendsTable sends={saved.sends} />
    </form>
  );
}

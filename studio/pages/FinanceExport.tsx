import { useState } from 'react';
import { API } from '../../playlists/schemas/operator-api.ts';
import { urlOf } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { useI18n } from '../i18n/index.tsx';

const RANGE = 'range';
const LANGS = ['vi', 'en'] as const;

/** YYYY-MM of the last 13 months in the hub's zone, newest first. */
export function recentMonths(now: number, timeZone: string): string[] {
  const ym = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now).slice(0, 7);
  let [y, m] = ym.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; i < 13; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (--m === 0) [y, m] = [y - 1, 12];
  }
  return out;
}

/** First and last day of a YYYY-MM month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/**
 * The finance report's downloads: a month (or the page's from–to dates), the
 * department for the header and the file's language; the hub renders the
 * PDF and XLSX (GET /api/reports/finance.pdf, .xlsx).
 */
export function FinanceExport({ from, to }: { from: string | null; to: string | null }) {
  const { t, lang, timeZone } = useI18n();
  const months = recentMonths(Date.now(), timeZone);
  const [period, setPeriod] = useState(months[1] ?? months[0]!);
  const [department, setDepartment] = useState('');
  const [fileLang, setFileLang] = useState<'vi' | 'en'>(lang);
  const range = period === RANGE ? (from && to ? { from, to } : null) : monthRange(period);
  const query = range ? { ...range, lang: fileLang, department: department.trim() || undefined } : null;
  return (
    <section aria-labelledby="finance-h" className="panel">
      <h2 id="finance-h">{t('finance.title')}</h2>
      <p className="hint">{t('finance.hint')}</p>
      <form className="inline-form" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('finance.period')} errors={period === RANGE && !range ? [t('finance.rangeMissing')] : []}>
          {(c) => (
            <select {...c} value={period} onChange={(e) => setPeriod(e.target.value)}>
              {months.map((m) => (
                <option key={m} value={m}>
                  {`${m.slice(5)}/${m.slice(0, 4)}`}
                </option>
              ))}
              <option value={RANGE}>{t('finance.range')}</option>
            </select>
          )}
        </Field>
        <Field label={t('finance.department')}>{(c) => <input {...c} maxLength={120} value={department} onChange={(e) => setDepartment(e.target.value)} />}</Field>
        <Field label={t('finance.language')}>
          {(c) => (
            <select {...c} value={fileLang} onChange={(e) => setFileLang(e.target.value as 'vi' | 'en')}>
              {LANGS.map((l) => (
                <option key={l} value={l}>
                  {t(`finance.lang.${l}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {query && (
          <>
            <a className="button" href={urlOf(API.financePdf, { query })} download data-testid="finance-pdf">
              {t('finance.pdf')}
            </a>
            <a className="button" href={urlOf(API.financeXlsx, { query })} download data-testid="finance-xlsx">
              {t('finance.xlsx')}
            </a>
          </>
        )}
      </form>
    </section>
  );
}

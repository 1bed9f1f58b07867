import { useState } from 'react';
import type { VersionRecord } from '../../playlists/schemas/board-workflow.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { DiffView } from '../board/DiffView.tsx';
import { Field } from '../components/Field.tsx';
import { Link } from '../components/Link.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n, type I18n } from '../i18n/index.tsx';
import { href } from '../router.ts';
import { ActionNotice, useActionNotice } from '../components/useActionNotice.tsx';

type Ref = number | 'submission';

function Signers({ v, i18n }: { v: VersionRecord; i18n: I18n }) {
  const { t } = i18n;
  return (
    <ul className="plain">
      {v.signers.map((s) => {
        const p = { who: s.by ?? t('history.unknownSigner'), role: t(`history.role.${s.role}`), key: s.keyid.slice(0, 16) };
        return <li key={s.keyid}>{s.at ? t('history.signer', { ...p, at: i18n.dateTime(s.at) }) : t('history.signerOffline', p)}</li>;
      })}
    </ul>
  );
}

/**
 * Every published version of a channel with who signed it, when and with
 * which key; a diff between any two versions (or the submission); and
 * "roll back to version N", which prepares a new version for the board.
 */
export function HistoryPage({ channel }: { channel: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const history = useLoad(() => call(API.channelVersions, { params: { id: channel } }), `history-${channel}`);
  const pending = useLoad(() => call(API.getSubmission, { params: { id: channel } }).catch(() => null), `history-sub-${channel}`);
  const versions = history.data?.versions ?? [];
  const [from, setFrom] = useState<Ref | null>(null);
  const [to, setTo] = useState<Ref | null>(null);
  const [shown, setShown] = useState<{ from: Ref; to: Ref } | null>(null);
  const { notice, run } = useActionNotice();
  const waiting = pending.data && pending.data.publishedVersion === null;
  const options: Ref[] = [...(waiting ? (['submission'] as const) : []), ...versions.map((v) => v.version)];
  const fromValue = from ?? versions[1]?.version ?? versions[0]?.version ?? null;
  const toValue = to ?? (waiting ? 'submission' : (versions[0]?.version ?? null));

  const rollback = (version: number) =>
    run(async () => {
      const sub = await call(API.rollbackChannel, { params: { id: channel }, body: { version } });
      pending.reload();
      return { key: 'history.rolledBack', params: { version: sub.version, from: version } };
    });

  return (
    <section className="page">
      <p className="crumbs">
        <Link href={href('channels', channel)}>{channel}</Link>
      </p>
      <h1>{t('history.title', { channel })}</h1>
      {history.error !== null && <Notice kind="error">{apiErrorText(i18n, history.error)}</Notice>}
      <ActionNotice notice={notice} />
      {/* The only success here is a rollback: its new submission waits on the board's page. */}
      {notice?.kind === 'ok' && <Link href={href('board', channel)}>{t('history.openSubmission')}</Link>}
      {history.data && versions.length === 0 && <p>{t('history.empty')}</p>}
      {versions.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t('history.versions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.version')}</th>
                <th scope="col">{t('history.publishedAt')}</th>
                <th scope="col">{t('history.signers')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('users.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} data-version={v.version}>
                  <th scope="row">
                    {v.version}
                    {v.rollbackOf !== null && <span className="muted"> · {t('history.rollbackOf', { version: String(v.rollbackOf) })}</span>}
                  </th>
                  <td>{i18n.dateTime(v.publishedAt)}</td>
                  <td>
                    <Signers v={v} i18n={i18n} />
                  </td>
                  <td>
                    {session.can('editor') && v.version !== versions[0]!.version && (
                      <button type="button" onClick={() => void rollback(v.version)}>
                        {t('history.rollback', { version: String(v.version) })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {options.length > 1 && fromValue !== null && toValue !== null && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setShown({ from: fromValue, to: toValue });
          }}
        >
          <VersionSelect label={t('history.from')} options={options} value={fromValue} onChange={setFrom} />
          <VersionSelect label={t('history.to')} options={options} value={toValue} onChange={setTo} />
          <button type="submit">{t('history.compare')}</button>
        </form>
      )}
      {shown && <DiffView channel={channel} from={shown.from} to={shown.to} level={2} />}
    </section>
  );
}

/** One end of the comparison: the pending submission or a published version. */
function VersionSelect({ label, options, value, onChange }: { label: string; options: readonly Ref[]; value: Ref; onChange(r: Ref): void }) {
  const { t } = useI18n();
  return (
    <Field label={label}>
      {(c) => (
        <select {...c} value={String(value)} onChange={(e) => onChange(e.target.value === 'submission' ? 'submission' : Number(e.target.value))}>
          {options.map((r) => (
            <option key={String(r)} value={String(r)}>
              {r === 'submission' ? t('history.submission') : t('history.versionN', { version: String(r) })}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

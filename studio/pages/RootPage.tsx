import { useState } from 'react';
import { decodeBase64 } from '../../playlists/base64.ts';
import { instantOf } from '../../playlists/scheduler/index.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import { ApiError, call, parseBody } from '../api/client.ts';
import { Check, Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText, issueText } from '../i18n/errors.ts';
import { formatLocalDate, parseLocalDate } from '../i18n/format.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { ActionNotice, useActionNotice } from '../components/useActionNotice.tsx';

const ROLE_NAMES = ['root', 'publisher', 'hub', 'board', 'emergency'];
const short = (keyid: string) => keyid.slice(0, 16);

/** Offers the hub's bytes as a file, exactly as they are (no re-serialising in the browser). */
function download(bytes: Uint8Array, name: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The admin's side of changing the board (docs/signing.md, "Preparing the
 * next root in the studio"): the current root's roles, the approvers whose
 * registered key is not in it, the board chosen from the registered keys,
 * the unsigned next root to download, and the signed root to upload.
 */
export function RootPage() {
  const i18n = useI18n();
  const { t, timeZone } = i18n;
  const root = useLoad(() => call(API.currentRoot), 'root-current');
  const keys = useLoad(() => call(API.listApproverKeys), 'root-keys');
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [threshold, setThreshold] = useState('');
  const [expires, setExpires] = useState(formatLocalDate(new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10)));
  const { notice, run } = useActionNotice();
  // A refused preparation's bad fields, by field, in the current language.
  const issues: Record<string, string[]> = {};
  if (notice && 'error' in notice.said && notice.said.error instanceof ApiError) {
    for (const issue of notice.said.error.issues) (issues[issue.path.split('.')[0]!] ??= []).push(issueText(i18n, issue));
  }

  const r = root.data;
  const all = keys.data?.keys ?? [];
  const board = chosen ?? new Set(all.filter((k) => k.inBoard).map((k) => k.keyid));
  const need = threshold === '' ? (r?.roles.board?.threshold ?? 1) : Number(threshold);
  const day = parseLocalDate(expires);
  const missing = all.filter((k) => !k.inBoard);

  const prepare = () =>
    run(async () => {
      const approvers = all.map((k) => k.keyid).filter((id) => board.has(id));
      const body = { approvers, threshold: approvers.length ? need : 1, expires: day ? new Date(instantOf(day, 0, timeZone)).toISOString() : '' };
      const prepared = await call(API.prepareRoot, { body });
      download(decodeBase64(prepared.payload), prepared.fileName);
      return { key: 'root.prepared', params: { file: prepared.fileName } };
    });

  const upload = (file: File) =>
    run(async () => {
      const added = await call(API.addRoot, { body: parseBody(await file.text()) });
      root.reload();
      keys.reload();
      setChosen(null);
      return { key: 'root.uploaded', params: { version: added.version } };
    });

  const toggle = (keyid: string, on: boolean) => {
    const next = new Set(board);
    if (on) next.add(keyid);
    else next.delete(keyid);
    setChosen(next);
  };

  return (
    <section className="page">
      <h1>{t('root.title')}</h1>
      <p>{t('root.intro')}</p>
      {root.error !== null && <Notice kind="error">{apiErrorText(i18n, root.error)}</Notice>}
      <ActionNotice notice={notice} />
      {r && (
        <>
          <p>{t('root.current', { version: String(r.version), expires: i18n.dateTime(r.expires) })}</p>
          <div className="table-wrap">
            <table className="table">
              <caption>{t('root.rolesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('root.role')}</th>
                  <th scope="col">{t('root.keys')}</th>
                  <th scope="col">{t('root.threshold')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(r.roles).map(([name, role]) => (
                  <tr key={name}>
                    <th scope="row">{ROLE_NAMES.includes(name) ? t(`root.roleName.${name}` as MessageKey) : name}</th>
                    <td>
                      {role.keyids.map((id) => (
                        <code key={id} className="keyid">
                          {short(id)}{' '}
                        </code>
                      ))}
                    </td>
                    <td>{role.threshold}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      <h2>{t('root.missing.title')}</h2>
      {keys.data && missing.length === 0 && <p>{t('root.missing.none')}</p>}
      {missing.length > 0 && (
        <>
          <p>{t('root.missing.hint')}</p>
          <ul data-testid="keys-not-in-root">
            {missing.map((k) => (
              <li key={k.keyid}>{t('root.missing.row', { who: k.username, keyid: short(k.keyid), at: i18n.dateTime(k.registeredAt) })}</li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('root.step1')}</h2>
      <form
        className="panel"
        onSubmit={(e) => {
          e.preventDefault();
          void prepare();
        }}
      >
        <fieldset>
          <legend>{t('root.approvers')}</legend>
          {keys.data && all.length === 0 && <p>{t('root.noApprovers')}</p>}
          {all.map((k) => (
            <Check
              key={k.keyid}
              checked={board.has(k.keyid)}
              onChange={(on) => toggle(k.keyid, on)}
              label={`${t('root.approverOption', { who: k.username, keyid: short(k.keyid), at: i18n.dateTime(k.registeredAt) })}${k.inBoard ? ` ${t('root.inRoot')}` : ''}`}
            />
          ))}
          {issues.approvers && <p className="field-error">{issues.approvers.join(' ')}</p>}
          {board.size === 0 && <p className="hint">{t('root.noBoard')}</p>}
        </fieldset>
        <Field label={t('root.thresholdLabel')} errors={issues.threshold ?? []}>
          {(c) => <input {...c} type="number" min={1} max={32} value={threshold === '' ? String(need) : threshold} onChange={(e) => setThreshold(e.target.value)} />}
        </Field>
        <Field label={t('root.expires')} hint={t('common.dateHint')} errors={[...(day ? [] : [t('issue.date')]), ...(issues.expires ?? [])]}>
          {(c) => <input {...c} inputMode="numeric" value={expires} onChange={(e) => setExpires(e.target.value)} />}
        </Field>
        <button type="submit" className="primary" disabled={!r || !day}>
          {t('root.download', { version: String((r?.version ?? 0) + 1) })}
        </button>
      </form>

      <h2>{t('root.step2')}</h2>
      <p>{t('root.signHint')}</p>
      <pre className="wrap">{`pano root sign root-${(r?.version ?? 0) + 1}.unsigned.json --root-key root.key --from root.json --out root-${(r?.version ?? 0) + 1}.json`}</pre>

      <h2>{t('root.step3')}</h2>
      <Field label={t('root.uploadLabel')} hint={t('root.uploadHint')}>
        {(c) => <input {...c} type="file" accept="application/json,.json" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />}
      </Field>
    </section>
  );
}

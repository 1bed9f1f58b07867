import { useEffect, useState, type FormEvent } from 'react';
import { decodeBase64 } from '../../playlists/base64.ts';
import { pae } from '../../playlists/dsse.ts';
import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { createKey, sha256Hex, signWith, storedKey, type ApproverKeyPair } from '../board/approver-key.ts';
import { DiffView } from '../board/DiffView.tsx';
import { Field } from '../components/Field.tsx';
import { BoardExtras } from '../board/BoardExtras.tsx';
import { Link } from '../components/Link.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';
import { href } from '../router.ts';
import { ActionNotice, Refusal, useActionNotice, type Said } from '../components/useActionNotice.tsx';

/** The board's queue: every channel whose frozen version awaits signatures. */
export function BoardQueue() {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useLoad(() => call(API.listChannels), 'board-queue');
  const waiting = (list.data?.channels ?? []).filter((c) => c.state === 'submitted');
  return (
    <section className="page">
      <h1>{t('board.title')}</h1>
      {list.error !== null && <Notice kind="error">{apiErrorText(i18n, list.error)}</Notice>}
      {list.data && waiting.length === 0 && <p>{t('board.empty')}</p>}
      <ul>
        {waiting.map((c) => (
          <li key={c.id}>
            <Link href={href('board', c.id)}>{c.title}</Link> · {t('board.submittedBy', { who: c.submittedBy ?? '', at: c.submittedAt ? i18n.dateTime(c.submittedAt) : '' })}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * One frozen version: exactly the bytes the approver signs (shown as the
 * playlist they are), the signatures so far, and signing in this browser
 * with the approver's own non-extractable WebCrypto key.
 */
export function BoardPage({ channel }: { channel: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const sub = useLoad(() => call(API.getSubmission, { params: { id: channel } }), `board-${channel}`);
  const [key, setKey] = useState<ApproverKeyPair | null | undefined>(undefined);
  const { notice, run } = useActionNotice();
  const versions = useLoad(() => call(API.channelVersions, { params: { id: channel } }), `board-versions-${channel}`);
  const [remark, setRemark] = useState('');

  useEffect(() => {
    storedKey().then(
      (k) => setKey(k ?? null),
      () => setKey(null),
    );
  }, []);

  const act = async (work: () => Promise<Said>) => {
    await run(work);
    sub.reload();
  };

  const makeKey = () =>
    act(async () => {
      const made = await createKey();
      await call(API.registerApproverKey, { body: { public: made.publicB64 } });
      setKey(made);
      return { key: 'board.keyMade' };
    });

  const sign = () =>
    act(async () => {
      const s = sub.data!;
      const payload = decodeBase64(s.payload);
      const body = { payloadSha256: await sha256Hex(payload), keyid: key!.keyid, sig: await signWith(key!, pae(s.payloadType, payload)) };
      const after = await call(API.signSubmission, { params: { id: channel }, body });
      const said: Said = after.publishedVersion === null ? { key: 'board.signed' } : { key: 'board.published', params: { version: after.publishedVersion } };
      return said;
    });

  const sendBack = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      if (!remark.trim()) throw new Refusal('board.remarkNeeded');
      const back = await call(API.sendBack, { params: { id: channel }, body: { remark } });
      setRemark('');
      return { key: 'board.sentBackDone', params: { version: back.version } };
    });
  };

  const s = sub.data;
  const published = versions.data?.versions[0]?.version;
  const playlist = s ? new TextDecoder().decode(decodeBase64(s.payload)) : '';
  const counting = s ? s.signatures.filter((x) => x.counts).length : 0;
  const mine = s && key ? s.signatures.some((x) => x.keyid === key.keyid) : false;
  return (
    <section className="page">
      <h1>{t('board.reviewTitle', { channel })}</h1>
      {sub.error !== null && <Notice kind="error">{apiErrorText(i18n, sub.error)}</Notice>}
      <ActionNotice notice={notice} />
      {session.can('approver') && key === null && (
        <button type="button" className="primary" onClick={() => void makeKey()}>
          {t('board.makeKey')}
        </button>
      )}
      <p>
        <Link href={href('channels', channel, 'history')}>{t('board.history')}</Link>
      </p>
      {key && (
        <p>
          {t('board.myKey')} <code>{key.keyid.slice(0, 16)}</code>
        </p>
      )}
      {s && (
        <>
          <p>
            {t('board.version', { version: String(s.version), who: s.submittedBy, at: i18n.dateTime(s.submittedAt) })}
          </p>
          <p>{t('board.count', { count: String(counting), threshold: String(s.threshold) })}</p>
          {s.publishedVersion !== null && <Notice kind="ok">{t('board.published', { version: String(s.publishedVersion) })}</Notice>}
          <p>
            {t('board.fingerprint')} <code>{s.payloadSha256}</code>
          </p>
          <div className="table-wrap">
            <table className="table">
              <caption>{t('board.signatures')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('board.who')}</th>
                  <th scope="col">{t('audit.at')}</th>
                  <th scope="col">{t('board.key')}</th>
                  <th scope="col">{t('board.counts')}</th>
                </tr>
              </thead>
              <tbody>
                {s.signatures.length === 0 && (
                  <tr>
                    <td colSpan={4}>{t('board.noSignatures')}</td>
                  </tr>
                )}
                {s.signatures.map((x) => (
                  <tr key={x.keyid}>
                    <td>{x.by}</td>
                    <td>{i18n.dateTime(x.at)}</td>
                    <td>
                      <code>{x.keyid.slice(0, 16)}</code>
                    </td>
                    <td>{x.counts ? t('board.yes') : t('board.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {s.rollbackOf != null && <Notice kind="info">{t('board.rollbackOf', { version: String(s.rollbackOf) })}</Notice>}
          {session.can('approver') && key && s.publishedVersion === null && !mine && (
            <button type="button" className="primary" onClick={() => void sign()}>
              {t('board.sign', { version: String(s.version) })}
            </button>
          )}
          {session.can('approver') && s.publishedVersion === null && (
            <form className="inline-form" onSubmit={sendBack}>
              <Field label={t('board.remark')}>{(c) => <textarea {...c} rows={3} value={remark} onChange={(e) => setRemark(e.target.value)} />}</Field>
              <button type="submit">{t('board.sendBack')}</button>
            </form>
          )}
          <h2>{t('board.againstPublished')}</h2>
          {published !== undefined ? <DiffView channel={channel} from={published} to="submission" /> : versions.data && <p>{t('board.firstVersion')}</p>}
          <BoardExtras submission={s} onKey={setKey} />
          {/* The very bytes signed, for whoever wants to check them; folded, since the preview and the diff above are how a board member reviews. */}
          <details className="frozen-bytes">
            <summary>{t('board.frozen')}</summary>
            <pre className="wrap" tabIndex={0} role="region" aria-label={t('board.frozen')}>
              {playlist}
            </pre>
          </details>
        </>
      )}
    </section>
  );
}

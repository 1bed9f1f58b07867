import { useState, type FormEvent } from 'react';
import { API } from '../../playlists/schemas/operator-api.ts';
import { call } from '../api/client.ts';
import { useSession } from '../app/session.tsx';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { useI18n } from '../i18n/index.tsx';
import { ActionNotice, Refusal, useActionNotice } from '../components/useActionNotice.tsx';

/** My account: my password, my API tokens (listed, expiring, revocable). */
export function AccountPage({ forced = false }: { forced?: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  return (
    <section className="page narrow">
      <h1>{t('account.title', { username: session.me.username })}</h1>
      <p className="muted">{t('account.role', { role: t(`role.${session.me.role}`) })}</p>
      {forced && <Notice kind="info">{t('account.mustChange')}</Notice>}
      <PasswordForm />
      {!forced && <Tokens />}
    </section>
  );
}

function PasswordForm() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const { notice, run } = useActionNotice();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      if (next !== repeat) throw new Refusal('account.mismatch');
      if (next.length < 10) throw new Refusal('issue.tooShort', { n: 10 });
      await call(API.changePassword, { body: { current, next } });
      setCurrent('');
      setNext('');
      setRepeat('');
      await session.refresh();
    }, { key: 'account.changed' });
  };
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="pw-h">
      <h2 id="pw-h">{t('account.password')}</h2>
      <Field label={t('account.current')}>{(c) => <input {...c} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />}</Field>
      <Field label={t('account.next')} hint={t('account.nextHint')}>
        {(c) => <input {...c} type="password" autoComplete="new-password" required minLength={10} value={next} onChange={(e) => setNext(e.target.value)} />}
      </Field>
      <Field label={t('account.repeat')}>{(c) => <input {...c} type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />}</Field>
      <ActionNotice notice={notice} />
      <button type="submit" className="primary">
        {t('account.change')}
      </button>
    </form>
  );
}

function Tokens() {
  const i18n = useI18n();
  const { t } = i18n;
  const tokens = useLoad(() => call(API.listTokens), 'tokens');
  const [name, setName] = useState('');
  const [days, setDays] = useState(90);
  const [secret, setSecret] = useState('');
  const { notice, run } = useActionNotice();
  const create = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const made = await call(API.createToken, { body: { name, expiresInDays: days } });
      setSecret(made.token);
      setName('');
      tokens.reload();
    });
  };
  const revoke = (id: string) =>
    run(async () => {
      await call(API.revokeToken, { params: { id } });
      tokens.reload();
    }, { key: 'tokens.revoked' });
  return (
    <section className="panel" aria-labelledby="tok-h">
      <h2 id="tok-h">{t('tokens.title')}</h2>
      <p className="muted">{t('tokens.lead')}</p>
      <ActionNotice notice={notice} />
      {secret && (
        <div className="secret" role="status">
          <p>{t('tokens.secret')}</p>
          <code>{secret}</code>
        </div>
      )}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('tokens.name')}</th>
              <th scope="col">{t('tokens.owner')}</th>
              <th scope="col">{t('tokens.expires')}</th>
              <th scope="col">{t('tokens.lastUsed')}</th>
              <th scope="col">{t('tokens.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('users.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(tokens.data?.tokens ?? []).map((tk) => (
              <tr key={tk.id}>
                <th scope="row">{tk.name}</th>
                <td>{tk.username}</td>
                <td>{tk.expiresAt ? i18n.date(tk.expiresAt) : t('tokens.noExpiry')}</td>
                <td>{tk.lastUsedAt ? i18n.dateTime(tk.lastUsedAt) : t('fleet.never')}</td>
                <td>{t(`tokenState.${tk.state}`)}</td>
                <td>
                  {tk.state === 'active' && (
                    <button type="button" onClick={() => void revoke(tk.id)} aria-label={t('tokens.revokeNamed', { name: tk.name })}>
                      {t('tokens.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="inline-form" onSubmit={create}>
        <Field label={t('tokens.name')}>{(c) => <input {...c} required value={name} onChange={(e) => setName(e.target.value)} />}</Field>
        <Field label={t('tokens.days')}>{(c) => <input {...c} type="number" min={1} max={365} required value={days} onChange={(e) => setDays(Number(e.target.value))} />}</Field>
        <button type="submit">{t('tokens.create')}</button>
      </form>
    </section>
  );
}

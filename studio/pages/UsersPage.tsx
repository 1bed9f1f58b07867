import { useState, type FormEvent } from 'react';
import { API, ROLES, type Role, type User } from '../../playlists/schemas/operator-api.ts';
import { ApiError, call, type Issue } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { Notice } from '../components/Notice.tsx';
import { useLoad } from '../components/useLoad.ts';
import { apiErrorText, issueText } from '../i18n/errors.ts';
import { useI18n } from '../i18n/index.tsx';

/** Admins: create users, change roles, disable (their sessions end at once), reset passwords. */
export function UsersPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const users = useLoad(() => call(API.listUsers), 'users');
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [issues, setIssues] = useState<readonly Issue[]>([]);

  const act = async (what: () => Promise<string>) => {
    setNotice(null);
    setIssues([]);
    try {
      setNotice({ kind: 'ok', text: await what() });
      users.reload();
    } catch (err) {
      if (err instanceof ApiError) setIssues(err.issues);
      setNotice({ kind: 'error', text: apiErrorText(i18n, err) });
    }
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const made = await call(API.createUser, { body: { username, role } });
      setUsername('');
      return made.password ? t('users.createdWith', { username: made.user.username, password: made.password }) : t('users.created', { username: made.user.username });
    });
  };

  return (
    <section className="page">
      <h1>{t('users.title')}</h1>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <div className="table-wrap">
        <table className="table users">
          <thead>
            <tr>
              <th scope="col">{t('users.username')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.state')}</th>
              <th scope="col">{t('users.lastLogin')}</th>
              <th scope="col">{t('users.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {(users.data?.users ?? []).map((u) => (
              <UserRow key={u.id} user={u} act={act} />
            ))}
          </tbody>
        </table>
      </div>
      <form className="panel inline-form" onSubmit={create} aria-labelledby="new-user-h">
        <h2 id="new-user-h">{t('users.new')}</h2>
        <Field label={t('users.username')} hint={t('users.usernameHint')} errors={issues.filter((i) => i.path === 'username').map((i) => issueText(i18n, i))}>
          {(c) => <input {...c} required autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />}
        </Field>
        <Field label={t('users.role')}>
          {(c) => (
            <select {...c} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="primary">
          {t('users.create')}
        </button>
      </form>
    </section>
  );
}

function UserRow({ user: u, act }: { user: User; act(what: () => Promise<string>): Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const patch = (body: { role?: Role; disabled?: boolean }, ok: string) => act(async () => (await call(API.updateUser, { params: { id: u.id }, body }), ok));
  return (
    <tr data-user={u.username}>
      <th scope="row">{u.username}</th>
      <td>
        <select aria-label={t('users.roleOf', { username: u.username })} value={u.role} onChange={(e) => void patch({ role: e.target.value as Role }, t('users.roleChanged', { username: u.username }))}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </td>
      <td>{u.disabled ? t('users.disabled') : t('users.sessions', { n: u.sessions })}</td>
      <td>{u.lastLoginAt ? i18n.dateTime(u.lastLoginAt) : t('fleet.never')}</td>
      <td className="row-actions">
        <button type="button" onClick={() => void patch({ disabled: !u.disabled }, t(u.disabled ? 'users.enabledDone' : 'users.disabledDone', { username: u.username }))}>
          {t(u.disabled ? 'users.enable' : 'users.disable')}
        </button>
        <button
          type="button"
          onClick={() =>
            window.confirm(t('users.resetConfirm', { username: u.username })) &&
            void act(async () => t('users.resetDone', { username: u.username, password: (await call(API.resetPassword, { params: { id: u.id } })).password }))
          }
        >
          {t('users.reset')}
        </button>
      </td>
    </tr>
  );
}

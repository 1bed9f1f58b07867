import { useState, type FormEvent } from 'react';
import { API, ROLES, type Role, type User } from '../../playlists/schemas/operator-api.ts';
import { ApiError, call, type Issue } from '../api/client.ts';
import { Field } from '../components/Field.tsx';
import { useLoad } from '../components/useLoad.ts';
import { issueText } from '../i18n/errors.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { ActionNotice, useActionNotice, type Said } from '../components/useActionNotice.tsx';

/** Admins: create users, change roles, disable (their sessions end at once), reset passwords. */
export function UsersPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const users = useLoad(() => call(API.listUsers), 'users');
  const { notice, run } = useActionNotice();
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('editor');
  // The bad fields of a refused creation, marked on the form.
  const issues: readonly Issue[] = notice && 'error' in notice.said && notice.said.error instanceof ApiError ? notice.said.error.issues : [];

  const act = async (what: () => Promise<Said>) => {
    if (await run(what)) users.reload();
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const made = await call(API.createUser, { body: { username, role } });
      setUsername('');
      const said: Said = made.password ? { key: 'users.createdWith', params: { username: made.user.username, password: made.password } } : { key: 'users.created', params: { username: made.user.username } };
      return said;
    });
  };

  return (
    <section className="page">
      <h1>{t('users.title')}</h1>
      <ActionNotice notice={notice} />
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

function UserRow({ user: u, act }: { user: User; act(what: () => Promise<Said>): Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const patch = (body: { role?: Role; disabled?: boolean }, done: MessageKey) => act(async () => (await call(API.updateUser, { params: { id: u.id }, body }), { key: done, params: { username: u.username } }));
  return (
    <tr data-user={u.username}>
      <th scope="row">{u.username}</th>
      <td>
        <select aria-label={t('users.roleOf', { username: u.username })} value={u.role} onChange={(e) => void patch({ role: e.target.value as Role }, 'users.roleChanged')}>
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
        <button type="button" onClick={() => void patch({ disabled: !u.disabled }, u.disabled ? 'users.enabledDone' : 'users.disabledDone')}>
          {t(u.disabled ? 'users.enable' : 'users.disable')}
        </button>
        <button
          type="button"
          onClick={() =>
            window.confirm(t('users.resetConfirm', { username: u.username })) &&
            void act(async () => ({ key: 'users.resetDone', params: { username: u.username, password: (await call(API.resetPassword, { params: { id: u.id } })).password } }))
          }
        >
          {t('users.reset')}
        </button>
      </td>
    </tr>
  );
}

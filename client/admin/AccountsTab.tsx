import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { PERSON_ROLES, type PersonRole } from '../../shared/auth.ts';
import { type Account, accountSchema } from '../../shared/admin.ts';
import { api } from '../api/write.ts';
import { formatDateTimeWithYear } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';

const pageSchema = z.object({ items: z.array(accountSchema) });

/** A one-time password, shown once in large type for the administrator to hand over. */
export function OneTime({ label, secret }: { label: string; secret: string }) {
  return (
    <div className="one-time" role="status">
      <span>{label}</span>
      <code data-testid="one-time-secret">{secret}</code>
    </div>
  );
}

function RoleChange({ account, onDone }: { account: Account; onDone: (error: string | null) => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<PersonRole>(account.role);
  return (
    <span className="role-change">
      <select aria-label={t('admin.role')} name="role" value={role} onChange={(e) => setRole(e.target.value as PersonRole)}>
        {PERSON_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`accountRole.${r}`)}
          </option>
        ))}
      </select>
      {role !== account.role && (
        <button
          data-testid="save-role"
          onClick={async () => {
            const sent = await api.accounts.change({ id: account.username }, { role });
            onDone(sent.ok ? null : sent.message);
          }}
        >
          {t('admin.saveRole')}
        </button>
      )}
    </span>
  );
}

/** 账号管理: every account, and the administrator's acts on them; refusals (the last admin, oneself) said here. */
export function AccountsTab() {
  const { t, i18n } = useTranslation();
  const me = useLive((v) => v.principal?.name);
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<PersonRole>('officer');

  const reload = useCallback(() => {
    fetch('/api/accounts')
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((body) => setAccounts(pageSchema.parse(body).items))
      .catch(() => setError(t('drawer.unavailable')));
  }, [t]);
  useEffect(reload, [reload]);

  const after = (sent: { ok: true } | { ok: false; message: string }) => {
    setError(sent.ok ? null : sent.message);
    reload();
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const sent = await api.accounts.create({ username, displayName, role });
    if (sent.ok) {
      setSecret({ username: sent.data.username, password: sent.data.temporaryPassword });
      setUsername('');
      setDisplayName('');
    }
    after(sent);
  };

  return (
    <div data-testid="accounts-tab">
      <form className="admin-form" onSubmit={create} data-testid="account-form">
        <label>
          {t('admin.username')}
          <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} maxLength={40} required />
        </label>
        <label>
          {t('admin.displayName')}
          <input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={60} required />
        </label>
        <label>
          {t('admin.role')}
          <select name="newRole" value={role} onChange={(e) => setRole(e.target.value as PersonRole)}>
            {PERSON_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`accountRole.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          {t('admin.create')}
        </button>
      </form>
      {secret && <OneTime label={t('admin.oneTime', { username: secret.username })} secret={secret.password} />}
      {error && (
        <p className="sign-in-error" role="alert" data-testid="admin-error">
          {error}
        </p>
      )}
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.username')}</th>
            <th>{t('admin.displayName')}</th>
            <th>{t('admin.role')}</th>
            <th>{t('admin.status')}</th>
            <th>{t('admin.lastSignIn')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(accounts ?? []).map((a) => (
            <tr key={a.username} data-username={a.username} className={a.disabled ? 'disabled' : undefined}>
              <td>
                {a.username} {a.username === me && <small>{t('admin.self')}</small>}
              </td>
              <td>{a.displayName}</td>
              <td>
                {a.username === me ? (
                  // one's own role and account stay as they are: the server refuses both, the screen does not offer them
                  t(`accountRole.${a.role}`)
                ) : (
                  <RoleChange key={a.role} account={a} onDone={(message) => after(message === null ? { ok: true } : { ok: false, message })} />
                )}
              </td>
              <td>
                {a.disabled ? t('admin.disabled') : t('admin.active')}
                {a.mustChangePassword && <small> · {t('admin.mustChange')}</small>}
              </td>
              <td>{a.lastSignInAt ? formatDateTimeWithYear(a.lastSignInAt, i18n.language) : t('admin.never')}</td>
              <td className="admin-actions">
                <ConfirmButton
                  label={t('admin.resetPassword')}
                  ask={t('admin.askReset', { username: a.username })}
                  onConfirm={async () => {
                    const sent = await api.accounts.resetPassword({ id: a.username });
                    if (sent.ok) setSecret({ username: a.username, password: sent.data.temporaryPassword });
                    after(sent);
                  }}
                />
                {a.username === me ? (
                  <small data-testid="own-account">{t('admin.ownAccount')}</small>
                ) : a.disabled ? (
                  <button onClick={async () => after(await api.accounts.enable({ id: a.username }))}>{t('admin.enable')}</button>
                ) : (
                  <ConfirmButton
                    label={t('admin.disable')}
                    ask={t('admin.askDisable', { username: a.username })}
                    onConfirm={async () => after(await api.accounts.disable({ id: a.username }))}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

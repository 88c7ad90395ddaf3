import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/write.ts';

/** The one-time password printed at the first run must be replaced before the screen opens. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sent = await api.auth.changePassword({ currentPassword: current, newPassword: next });
    if (sent.ok) window.location.reload();
    else setError(sent.message);
  };
  return (
    <div className="sign-in">
      <form className="sign-in-card" onSubmit={submit} data-testid="change-password">
        <h1>{t('password.title')}</h1>
        <p>{t('password.why')}</p>
        <label>
          {t('password.current')}
          <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        </label>
        <label>
          {t('password.next')}
          <input type="password" autoComplete="new-password" minLength={10} value={next} onChange={(e) => setNext(e.target.value)} required />
        </label>
        {error && (
          <p className="sign-in-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">{t('password.submit')}</button>
      </form>
    </div>
  );
}

import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { switchLanguage } from '../i18n/index.ts';
import { type SignInResult, signIn } from './session.ts';

/** The demo accounts, shown under the DEMO badge only when the server runs the demo. */
const DEMO_USERNAMES = ['admin', 'leader', 'officer', 'observer'] as const;

/** 登录: the only thing a browser without a session sees. A successful sign-in reloads into the screen. */
export function SignInPage() {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<SignInResult | 'busy' | null>(null);
  const [demo, setDemo] = useState(false);

  useEffect(() => {
    fetch('/api/health')
      .then((r) => r.json())
      .then((h: { demo?: boolean }) => setDemo(h.demo === true))
      .catch(() => undefined);
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult('busy');
    const outcome = await signIn(username.trim(), password);
    if (outcome === 'ok') window.location.reload();
    else setResult(outcome);
  };

  return (
    <div className="sign-in">
      <form className="sign-in-card" onSubmit={submit} data-testid="sign-in">
        <h1>{t('app.title')}</h1>
        <label>
          {t('signIn.username')}
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus required />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {result && result !== 'busy' && result !== 'ok' && (
          <p className="sign-in-error" role="alert">
            {t(`signIn.${result}`)}
          </p>
        )}
        <button type="submit" disabled={result === 'busy'}>
          {t('signIn.submit')}
        </button>
        {demo && (
          <div className="sign-in-demo" data-testid="demo-accounts">
            <span className="demo-tag">{t('demo.badge')}</span> {t('signIn.demoAccounts', { users: DEMO_USERNAMES.join(' / ') })}
          </div>
        )}
        <button type="button" className="lang" onClick={switchLanguage}>
          {t('app.language')}
        </button>
      </form>
    </div>
  );
}

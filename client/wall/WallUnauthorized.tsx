import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { signInDevice } from '../auth/session.ts';
import './wall.css';

/** Why the display is not signed in: a pairing code or token it was opened with was refused, or it has none. */
export type WallRefusal = 'pairing' | 'token';

/** A display whose session ended tries its device cookie again this often, so it comes back by itself. */
const RETRY_SIGN_IN_MS = 60_000;

/**
 * A wall has no keyboard to sign in with: it says what it needs (or what was wrong), in letters seen from the
 * back of the room, and keeps trying its device cookie: a session that merely expired comes back by itself.
 */
export function WallUnauthorized({ refused = null }: { refused?: WallRefusal | null }) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setInterval(() => {
      void signInDevice().then((result) => result === 'ok' && window.location.reload());
    }, RETRY_SIGN_IN_MS);
    return () => clearInterval(timer);
  }, []);
  const message = refused === 'pairing' ? t('wall.pairingRefused') : refused === 'token' ? t('wall.tokenRefused') : t('wall.needsToken');
  return (
    <div className="wall-unauthorized" data-testid="wall-unauthorized" data-refused={refused ?? 'none'}>
      <h1>{t('app.title')}</h1>
      <p>{message}</p>
    </div>
  );
}

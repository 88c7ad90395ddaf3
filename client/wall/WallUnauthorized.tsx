import { useTranslation } from 'react-i18next';
import './wall.css';

/** A wall has no keyboard to sign in with: it says what it needs, in letters seen from the back of the room. */
export function WallUnauthorized() {
  const { t } = useTranslation();
  return (
    <div className="wall-unauthorized" data-testid="wall-unauthorized">
      <h1>{t('app.title')}</h1>
      <p>{t('wall.needsToken')}</p>
    </div>
  );
}

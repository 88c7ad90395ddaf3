import { useTranslation } from 'react-i18next';
import { formatTime } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';

/** The link's state and the last change heard, on every screen. */
export function ConnectionBadge() {
  const { t, i18n } = useTranslation();
  const status = useLive((v) => v.status);
  const lastChangeAt = useLive((v) => v.lastChangeAt);
  return (
    <div className={`link link-${status}`} data-testid="connection" data-status={status} role="status">
      <span className="link-dot" />
      <strong>{t(`link.${status}`)}</strong>
      <span className="link-last">{lastChangeAt ? t('link.lastChange', { time: formatTime(lastChangeAt, i18n.language) }) : t('link.never')}</span>
    </div>
  );
}

/** Simulated data is always marked: the DEMO badge on every screen of a demo instance. */
export function DemoBadge() {
  const { t } = useTranslation();
  const demo = useLive((v) => v.demo);
  if (!demo) return null;
  return (
    <div className="demo-badge" data-testid="demo-badge" title={t('demo.hint')}>
      {t('demo.badge')}
      <span>{t('demo.hint')}</span>
    </div>
  );
}

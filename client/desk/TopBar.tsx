import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import { AdminPanel } from '../admin/AdminPanel.tsx';
import { AuditLog } from '../audit/AuditLog.tsx';
import { HazardLedger } from '../hazards/HazardLedger.tsx';
import { TipOffQueueButton } from '../hazards/TipOffQueue.tsx';
import { ImportCenter } from '../imports/ImportCenter.tsx';
import { DeliveryLogButton } from '../notifications/DeliveryLogButton.tsx';
import { districtByCode } from '../../shared/districts.ts';
import { signOut } from '../auth/session.ts';
import { switchLanguage } from '../i18n/index.ts';
import { formatClock } from '../i18n/format.ts';
import { useLive, useLiveStore } from '../realtime/LiveProvider.tsx';
import { ConnectionBadge, DemoBadge } from '../ui/badges.tsx';
import { useNow } from '../ui/useNow.ts';

/** Who is signed in here, and the way out. */
function UserChip() {
  const { t } = useTranslation();
  const principal = useLive((v) => v.principal);
  if (!principal) return null;
  const leave = async () => {
    await signOut();
    window.location.reload();
  };
  return (
    <div className="user-chip" data-testid="user">
      <span>{principal.displayName}</span>
      <small>{t(`accountRole.${principal.role}`)}</small>
      {principal.kind === 'person' && (
        <button className="sign-out" onClick={leave}>
          {t('signIn.signOut')}
        </button>
      )}
    </div>
  );
}

export function TopBar() {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  const store = useLiveStore();
  const district = useLive((v) => v.district);
  const d = district ? districtByCode(district) : undefined;
  const [ledger, setLedger] = useState(false);
  const [audit, setAudit] = useState(false);
  const [admin, setAdmin] = useState(false);
  const [imports, setImports] = useState(false);
  const principal = useLive((v) => v.principal);
  return (
    <header className="top-bar">
      <h1>{t('app.title')}</h1>
      <DemoBadge />
      {d && (
        <button className="district-chip" onClick={() => store.update({ district: null })} title={t('map.wholeCity')}>
          {i18n.language === 'en' ? d.nameEn : d.name} ✕
        </button>
      )}
      <div className="top-bar-right">
        <button className="lang" data-testid="open-ledger" onClick={() => setLedger(true)}>
          {t('hazard.ledger')}
        </button>
        {ledger && <HazardLedger onClose={() => setLedger(false)} />}
        <TipOffQueueButton />
        {principal && can(principal.role, 'operate') && (
          <button className="lang" data-testid="open-imports" onClick={() => setImports(true)}>
            {t('imports.open')}
          </button>
        )}
        {imports && <ImportCenter onClose={() => setImports(false)} />}
        {principal && can(principal.role, 'administer') && (
          <button className="lang" data-testid="open-audit" onClick={() => setAudit(true)}>
            {t('audit.title')}
          </button>
        )}
        {audit && <AuditLog onClose={() => setAudit(false)} />}
        <DeliveryLogButton />
        {principal && can(principal.role, 'administer') && (
          <button className="lang" data-testid="open-admin" onClick={() => setAdmin(true)}>
            {t('admin.open')}
          </button>
        )}
        {admin && <AdminPanel onClose={() => setAdmin(false)} />}
        <ConnectionBadge />
        <UserChip />
        <time className="clock">{formatClock(new Date(now), i18n.language)}</time>
        <button className="lang" onClick={switchLanguage}>
          {t('app.language')}
        </button>
      </div>
    </header>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountsTab } from './AccountsTab.tsx';
import { DevicesTab } from './DevicesTab.tsx';
import './admin.css';

/** 账号与设备 (admins): accounts and wall displays, each on its tab. */
export function AdminPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'accounts' | 'devices'>('accounts');
  return (
    <div className="ledger admin-panel" data-testid="admin-panel" role="dialog" aria-label={t('admin.open')}>
      <header>
        <h2>{t('admin.open')}</h2>
        <div className="admin-tabs">
          <button className={tab === 'accounts' ? 'active' : undefined} data-testid="tab-accounts" onClick={() => setTab('accounts')}>
            {t('admin.accounts')}
          </button>
          <button className={tab === 'devices' ? 'active' : undefined} data-testid="tab-devices" onClick={() => setTab('devices')}>
            {t('admin.devices')}
          </button>
        </div>
        <button onClick={onClose} aria-label={t('admin.close')}>
          ✕
        </button>
      </header>
      <div className="ledger-body">{tab === 'accounts' ? <AccountsTab /> : <DevicesTab />}</div>
    </div>
  );
}

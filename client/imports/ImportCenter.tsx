import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataExports } from './DataExports.tsx';
import { CapImport, FirmsImport } from './FeedImports.tsx';
import { LedgerImport } from './LedgerImport.tsx';

const TABS = ['risk-points', 'hazards', 'firms', 'cap', 'exports'] as const;
type Tab = (typeof TABS)[number];

/** 数据导入与导出: ledgers, satellite hotspots and warnings brought in from files; ledgers, layers and the roster given out. */
export function ImportCenter({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('risk-points');
  return (
    <div className="ledger import-center" data-testid="import-center" role="dialog">
      <header>
        <h2>{t('imports.title')}</h2>
        <nav className="tabs" role="tablist">
          {TABS.map((name) => (
            <button key={name} role="tab" aria-selected={tab === name} className={tab === name ? 'active' : ''} onClick={() => setTab(name)}>
              {t(`imports.tab.${name}`)}
            </button>
          ))}
        </nav>
        <button onClick={onClose} aria-label={t('drawer.close')}>
          ✕
        </button>
      </header>
      <div className="ledger-body">
        {tab === 'risk-points' && <LedgerImport key="risk-points" kind="risk-points" />}
        {tab === 'hazards' && <LedgerImport key="hazards" kind="hazards" />}
        {tab === 'firms' && <FirmsImport />}
        {tab === 'cap' && <CapImport />}
        {tab === 'exports' && <DataExports />}
      </div>
    </div>
  );
}

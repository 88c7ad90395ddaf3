import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import { useLive, useLiveStore } from '../realtime/LiveProvider.tsx';
import { RiskPointForm } from './RiskPointForm.tsx';

/** 新增风险点: the button beside the search, and the form it opens over the map; the new point opens in the drawer. */
export function NewRiskPoint() {
  const { t } = useTranslation();
  const store = useLiveStore();
  const role = useLive((v) => v.principal?.role);
  const [open, setOpen] = useState(false);
  if (!role || !can(role, 'operate')) return null;
  return (
    <>
      <button type="button" className="new-risk-point" data-testid="new-risk-point" onClick={() => setOpen(true)} disabled={open}>
        ＋ {t('riskWork.create')}
      </button>
      {open && (
        <div className="risk-point-form-panel gives-way-to-map">
          <RiskPointForm
            onDone={(saved) => {
              setOpen(false);
              if (saved) store.show('riskPoint', saved);
            }}
          />
        </div>
      )}
    </>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { seesNotifications } from '../../shared/notifications.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { DeliveryLog } from './DeliveryLog.tsx';

/** 通知记录 in the top bar, for those who may read it. */
export function DeliveryLogButton() {
  const { t } = useTranslation();
  const principal = useLive((v) => v.principal);
  const [open, setOpen] = useState(false);
  if (!principal || !seesNotifications(principal.role)) return null;
  return (
    <>
      <button className="lang" data-testid="open-delivery-log-top" onClick={() => setOpen(true)}>
        {t('notify.log')}
      </button>
      {open && <DeliveryLog onClose={() => setOpen(false)} />}
    </>
  );
}

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import { shiftsOnDutyAt } from '../../shared/duty.ts';
import type { Notification } from '../../shared/notifications.ts';
import { newestFirst } from './figures.ts';
import { formatTime } from '../i18n/format.ts';
import { DeliveryLog } from '../notifications/DeliveryLog.tsx';
import { RecipientDeliveries } from '../notifications/DeliveryStates.tsx';
import { useNotifications } from '../notifications/notification-store.ts';
import { useLive, useLiveStore } from '../realtime/LiveProvider.tsx';
import { useNow } from '../ui/useNow.ts';

/** Escalated alerts listed with whom they reached, at most. */
const LISTED = 3;

/**
 * 超时未接警: alerts nobody took in time, on every screen until someone takes them. What it says of the
 * leader is what happened: for each alert, whom its notification went to, when, and each delivery's state
 * (已读/已送达/失败) from the delivery records. A screen that may not read those (an observer) names the leader
 * on duty instead. Clicking the alert opens it; 通知记录 opens the delivery log.
 */
export function EscalationBanner() {
  const { t, i18n } = useTranslation();
  const store = useLiveStore();
  const alerts = useLive((v) => v.sync.live?.fireAlerts);
  const shifts = useLive((v) => v.sync.live?.dutyShifts);
  const principal = useLive((v) => v.principal);
  const notifications = useNotifications();
  const [log, setLog] = useState(false);
  const now = useNow(30_000);
  const escalated = useMemo(() => newestFirst([...(alerts?.values() ?? [])].filter((a) => a.escalatedAt !== null && a.status === 'new')), [alerts]);
  const leader = useMemo(() => shiftsOnDutyAt([...(shifts?.values() ?? [])], new Date(now)).find((s) => s.role === 'leader'), [shifts, now]);
  const byAlert = useMemo(() => {
    const newest = new Map<string, Notification>();
    // the list is newest first: the first seen for an alert is its latest notification
    for (const n of notifications) if (!newest.has(n.alert.id)) newest.set(n.alert.id, n);
    return newest;
  }, [notifications]);
  const logButton = principal && can(principal.role, 'operate') && (
    <button className="escalation-log" data-testid="open-delivery-log" onClick={() => setLog(true)}>
      {t('notify.log')}
    </button>
  );
  if (escalated.length === 0) return log ? <DeliveryLog onClose={() => setLog(false)} /> : null;
  const oldest = escalated.at(-1)!;
  const told = escalated.slice(-LISTED).reverse();
  const anyTold = told.some((a) => byAlert.has(a.id));
  return (
    <>
      <div className={`escalation-banner ${anyTold ? 'with-deliveries' : ''}`} data-testid="escalation-banner" role="alert">
        <button className="escalation-open" onClick={() => store.show('fireAlert', oldest)}>
          ⚠{' '}
          {anyTold
            ? t('notify.bannerCount', { count: escalated.length })
            : t('escalation.banner', { count: escalated.length, leader: leader ? `${leader.person} ${leader.phone}` : t('escalation.noLeader') })}
        </button>
        {anyTold && (
          <ul className="escalation-told">
            {told.map((a) => {
              const n = byAlert.get(a.id);
              if (!n) return null;
              return (
                <li key={a.id} data-escalated-alert={a.id} data-testid="escalation-told">
                  <span className="told-line">
                    {t('notify.bannerTold', { at: formatTime(n.escalatedAt, i18n.language), description: a.description.slice(0, 16) || '—' })}
                  </span>
                  <RecipientDeliveries notification={n} />
                </li>
              );
            })}
          </ul>
        )}
        {logButton}
      </div>
      {log && <DeliveryLog onClose={() => setLog(false)} />}
    </>
  );
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { shiftsOnDutyAt } from '../../shared/duty.ts';
import { newestFirst } from './figures.ts';
import { useLive, useLiveStore } from '../realtime/LiveProvider.tsx';
import { useNow } from '../ui/useNow.ts';

/**
 * 超时未接警: alerts nobody took in time, on every screen until someone takes them, naming the leader on
 * duty who has been called on. Clicking opens the oldest.
 */
export function EscalationBanner() {
  const { t } = useTranslation();
  const store = useLiveStore();
  const alerts = useLive((v) => v.sync.live?.fireAlerts);
  const shifts = useLive((v) => v.sync.live?.dutyShifts);
  const now = useNow(30_000);
  const escalated = useMemo(() => newestFirst([...(alerts?.values() ?? [])].filter((a) => a.escalatedAt !== null && a.status === 'new')), [alerts]);
  const leader = useMemo(() => shiftsOnDutyAt([...(shifts?.values() ?? [])], new Date(now)).find((s) => s.role === 'leader'), [shifts, now]);
  if (escalated.length === 0) return null;
  const oldest = escalated.at(-1)!;
  return (
    <button className="escalation-banner" data-testid="escalation-banner" role="alert" onClick={() => store.show('fireAlert', oldest)}>
      ⚠ {t('escalation.banner', { count: escalated.length, leader: leader ? `${leader.person} ${leader.phone}` : t('escalation.noLeader') })}
    </button>
  );
}

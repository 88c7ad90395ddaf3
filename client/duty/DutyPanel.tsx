import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DUTY_ROLES, type DutyShift, nextShifts, shiftsOnDutyAt } from '../../shared/duty.ts';
import { api } from '../api/write.ts';
import { formatTime } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { useNow } from '../ui/useNow.ts';
import { can } from '../../shared/auth.ts';
import { DutyLog } from './DutyLog.tsx';
import { DutyWeek } from './DutyWeek.tsx';
import { HandoverList } from './HandoverList.tsx';
import { HandoverForm } from './HandoverForm.tsx';
import { HandoverNotice } from './HandoverNotice.tsx';

const roleOrder = (s: DutyShift) => DUTY_ROLES.indexOf(s.role);

/** 值班值守: who is on duty now, their status live, and when the next shift takes over. */
export function DutyPanel() {
  const { t, i18n } = useTranslation();
  const shifts = useLive((v) => v.sync.live?.dutyShifts);
  const role = useLive((v) => v.principal?.role);
  const now = useNow(30_000);
  const [planning, setPlanning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { all, onDuty, next } = useMemo(() => {
    const all = [...(shifts?.values() ?? [])];
    const at = new Date(now);
    return { all, onDuty: shiftsOnDutyAt(all, at).sort((a, b) => roleOrder(a) - roleOrder(b)), next: nextShifts(all, at) };
  }, [shifts, now]);
  const operates = role !== undefined && can(role, 'operate');
  const checkIn = async (shift: DutyShift) => {
    const sent = await api.duty.checkIn({ id: shift.id });
    setError(sent.ok ? null : sent.message);
  };

  return (
    <section className="panel duty" data-testid="duty-panel">
      <h2>
        {t('duty.title')}
        <button className="duty-plan-open" data-testid="open-duty-week" onClick={() => setPlanning(true)}>
          {t('dutyWeek.open')}
        </button>
      </h2>
      {planning && <DutyWeek onClose={() => setPlanning(false)} />}
      {onDuty.length === 0 && <p className="empty">{t('duty.none')}</p>}
      <ul>
        {onDuty.map((s) => (
          // keyed by id and status so a change re-mounts the row and replays its flash
          <li key={`${s.id}:${s.status}:${s.updatedAt}`} className={`duty-row role-${s.role} status-${s.status} flash`}>
            <span className="duty-role">{t(`role.${s.role}`)}</span>
            <span className="duty-person">{s.person}</span>
            <a className="duty-phone" href={`tel:${s.phone}`}>
              {s.phone}
            </a>
            <span className={`duty-status status-${s.status}`}>{t(`dutyStatus.${s.status}`)}</span>
            {operates && s.status === 'scheduled' && (
              <button className="duty-check-in" data-testid="check-in" onClick={() => checkIn(s)}>
                {t('dutyWeek.checkIn')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {next.length > 0 && (
        <p className="duty-next">
          {t('duty.next', { time: formatTime(next[0]!.startsAt, i18n.language).slice(0, 5) })}：
          {next.map((s) => `${t(`role.${s.role}`)} ${s.person}`).join('、')}
        </p>
      )}
      {error && <p className="sign-in-error">{error}</p>}
      <HandoverNotice />
      {operates && <HandoverForm onDuty={onDuty} shifts={all} />}
      <HandoverList />
      <DutyLog />
    </section>
  );
}

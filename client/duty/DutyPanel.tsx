import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DUTY_ROLES, type DutyShift, nextShifts, shiftsOnDutyAt } from '../../shared/duty.ts';
import { formatTime } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { useNow } from '../ui/useNow.ts';
import { can } from '../../shared/auth.ts';
import { DutyLog } from './DutyLog.tsx';
import { HandoverForm } from './HandoverForm.tsx';
import { HandoverNotice } from './HandoverNotice.tsx';

const roleOrder = (s: DutyShift) => DUTY_ROLES.indexOf(s.role);

/** 值班值守: who is on duty now, their status live, and when the next shift takes over. */
export function DutyPanel() {
  const { t, i18n } = useTranslation();
  const shifts = useLive((v) => v.sync.live?.dutyShifts);
  const role = useLive((v) => v.principal?.role);
  const now = useNow(30_000);
  const { onDuty, next } = useMemo(() => {
    const all = [...(shifts?.values() ?? [])];
    const at = new Date(now);
    return { onDuty: shiftsOnDutyAt(all, at).sort((a, b) => roleOrder(a) - roleOrder(b)), next: nextShifts(all, at) };
  }, [shifts, now]);

  return (
    <section className="panel duty" data-testid="duty-panel">
      <h2>{t('duty.title')}</h2>
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
          </li>
        ))}
      </ul>
      {next.length > 0 && (
        <p className="duty-next">
          {t('duty.next', { time: formatTime(next[0]!.startsAt, i18n.language).slice(0, 5) })}：
          {next.map((s) => `${t(`role.${s.role}`)} ${s.person}`).join('、')}
        </p>
      )}
      <HandoverNotice />
      {role && can(role, 'operate') && <HandoverForm onDuty={onDuty} next={next} />}
      <DutyLog />
    </section>
  );
}

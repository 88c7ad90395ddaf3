import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import {
  addDutyDays,
  conflictingShift,
  copyWeekPlan,
  DUTY_POSTS,
  type DutyShift,
  type DutyWeek as Week,
  dutyWeekSchema,
  dutyWeekStart,
  localDutyDate,
} from '../../shared/duty.ts';
import { api } from '../api/write.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { ShiftForm } from './ShiftForm.tsx';
import { clashWords, copyClashWords, dayLabel, hoursOf, type Words } from './week-words.ts';
import './duty-week.css';

async function readWeek(anyDay: string): Promise<Week> {
  const response = await fetch(`/api/duty/week?week=${anyDay}`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return dutyWeekSchema.parse(await response.json());
}

/** 更换人员: a new person (and phone) on a planned shift; a clash is refused like a new shift's. */
function ChangePerson({ shift, shifts, onDone }: { shift: DutyShift; shifts: readonly DutyShift[]; onDone: (message: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const [person, setPerson] = useState(shift.person);
  const [phone, setPhone] = useState(shift.phone);
  const [error, setError] = useState<Words | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sent = await api.duty.changeShift({ id: shift.id }, { person, phone });
    if (sent.ok) return onDone(null);
    const clash = sent.code === 'conflict' ? conflictingShift(shifts, { ...shift, person }) : undefined;
    const words: Words = clash ? (t, language) => clashWords(t, language, clash) : () => sent.message;
    setError(() => words);
  };
  return (
    <form className="change-person" data-testid="change-person" onSubmit={submit}>
      <input name="person" aria-label={t('dutyWeek.person')} value={person} onChange={(e) => setPerson(e.target.value)} maxLength={60} required />
      <input name="phone" aria-label={t('dutyWeek.phone')} value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={32} required />
      <button type="submit" className="primary">
        {t('dutyWeek.save')}
      </button>
      <button type="button" onClick={() => onDone(null)}>
        {t('dutyWeek.cancel')}
      </button>
      {error && (
        <p className="sign-in-error" role="alert">
          {error(t, i18n.language)}
        </p>
      )}
    </form>
  );
}

/**
 * 值班排班: a week (Mon–Sun, Beijing days) with a row per post and the shifts in their day's cell. Those who
 * operate add shifts, change the person on one and copy last week in one write; everyone else reads.
 */
export function DutyWeek({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const role = useLive((v) => v.principal?.role);
  // any change to the live roster (another planner, a check-in) may touch this week: read it again
  const liveShifts = useLive((v) => v.sync.live?.dutyShifts);
  const plans = role !== undefined && can(role, 'operate');
  const [anyDay, setAnyDay] = useState(() => localDutyDate(new Date()));
  const week = dutyWeekStart(anyDay);
  const [shown, setShown] = useState<Week | null>(null);
  const [failed, setFailed] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; words: Words } | null>(null);

  const reload = useCallback(() => {
    readWeek(week)
      .then((w) => {
        setShown(w);
        setFailed(false);
      })
      .catch(() => setFailed(true));
  }, [week]);
  useEffect(reload, [reload, liveShifts]);

  const data = shown?.week === week ? shown : null;
  const shifts = data?.shifts ?? [];
  const goTo = (day: string) => {
    setNotice(null);
    setEditing(null);
    setAnyDay(day);
  };

  const copy = async () => {
    const sent = await api.duty.copyLastWeek({ week });
    if (sent.ok) {
      const count = sent.data.items.length;
      setNotice({ ok: true, words: (t) => t('dutyWeek.copied', { count }) });
      return reload();
    }
    if (sent.code !== 'conflict') return setNotice({ ok: false, words: () => sent.message });
    // name every clash in the screen's words: the same rule the server applied, over the same two weeks
    const previous = await readWeek(addDutyDays(week, -7)).catch(() => null);
    const { clashes } = copyWeekPlan(previous?.shifts ?? [], shifts);
    const words: Words =
      (previous?.shifts.length ?? 0) === 0
        ? (t) => t('dutyWeek.copyEmpty')
        : clashes.length > 0
          ? (t, language) => copyClashWords(t, language, clashes)
          : () => sent.message;
    setNotice({ ok: false, words });
  };

  return (
    <div className="ledger duty-week" data-testid="duty-week" data-week={data?.week} role="dialog" aria-label={t('dutyWeek.title')}>
      <header>
        <h2>
          {t('dutyWeek.title')}{' '}
          <small data-testid="week-range">
            {t('dutyWeek.range', { from: dayLabel(week, i18n.language), to: dayLabel(addDutyDays(week, 6), i18n.language) })}
          </small>
        </h2>
        <button data-testid="week-prev" onClick={() => goTo(addDutyDays(week, -7))}>
          {t('dutyWeek.prev')}
        </button>
        <button onClick={() => goTo(localDutyDate(new Date()))}>{t('dutyWeek.thisWeek')}</button>
        <button data-testid="week-next" onClick={() => goTo(addDutyDays(week, 7))}>
          {t('dutyWeek.next')}
        </button>
        {plans && (
          <button data-testid="copy-last-week" className="primary" onClick={copy}>
            {t('dutyWeek.copy')}
          </button>
        )}
        <button onClick={onClose} aria-label={t('admin.close')}>
          ✕
        </button>
      </header>
      {notice && (
        <p className={notice.ok ? 'week-notice' : 'sign-in-error'} role="status" data-testid="week-notice">
          {notice.words(t, i18n.language)}
        </p>
      )}
      {!plans && <p className="empty">{t('dutyWeek.readOnly')}</p>}
      {failed && <p className="sign-in-error">{t('drawer.unavailable')}</p>}
      <div className="ledger-body">
        <table className="week-grid">
          <thead>
            <tr>
              <th>{t('dutyWeek.post')}</th>
              {(data?.dates ?? []).map((d) => (
                <th key={d} className={d === localDutyDate(new Date()) ? 'today' : undefined}>
                  {dayLabel(d, i18n.language)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {DUTY_POSTS.map((post) => (
              <tr key={post} data-post={post}>
                <th>{t(`role.${post}`)}</th>
                {(data?.dates ?? []).map((d) => (
                  <td key={d} data-date={d}>
                    {shifts
                      .filter((s) => s.role === post && s.date === d)
                      .map((s) => (
                        <div key={s.id} className={`week-shift status-${s.status}`} data-shift-id={s.id}>
                          <span className="week-hours">
                            {hoursOf(s.startsAt, i18n.language)}–{hoursOf(s.endsAt, i18n.language)}
                          </span>
                          <span className="week-person">{s.person}</span> <small>{s.phone}</small>{' '}
                          {s.demo && <span className="demo-tag">{t('demo.badge')}</span>}
                          {plans && editing !== s.id && s.status === 'scheduled' && (
                            <button className="week-change" onClick={() => setEditing(s.id)}>
                              {t('dutyWeek.change')}
                            </button>
                          )}
                          {editing === s.id && <ChangePerson shift={s} shifts={shifts} onDone={() => setEditing(null)} />}
                        </div>
                      ))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {!data && !failed && <p className="empty">{t('dutyWeek.loading')}</p>}
        {plans && data && <ShiftForm key={week} dates={data.dates} shifts={shifts} onDone={reload} />}
      </div>
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conflictingShift, DUTY_POSTS, type DutyRole, type DutyShift, shiftTimes } from '../../shared/duty.ts';
import { api } from '../api/write.ts';
import { clashWords, dayLabel, type Words } from './week-words.ts';

/** The two shifts a duty office plans by, and its own hours when neither fits. */
const PRESETS = { day: { start: '08:00', end: '20:00' }, night: { start: '20:00', end: '08:00' } } as const;
type Preset = keyof typeof PRESETS | 'custom';

/** 添加班次: day, post, preset or own hours, person and phone; a clash is refused by the server and said here. */
export function ShiftForm({ dates, shifts, onDone }: { dates: readonly string[]; shifts: readonly DutyShift[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [date, setDate] = useState(dates[0]!);
  const [role, setRole] = useState<DutyRole>('officer');
  const [preset, setPreset] = useState<Preset>('day');
  const [start, setStart] = useState('08:00');
  const [end, setEnd] = useState('20:00');
  const [person, setPerson] = useState('');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<Words | null>(null);
  const hours = preset === 'custom' ? { start, end } : PRESETS[preset];
  const times = shiftTimes(dates.includes(date) ? date : dates[0]!, hours.start, hours.end);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const day = dates.includes(date) ? date : dates[0]!;
    const sent = await api.duty.addShift({ date: day, startsAt: times.startsAt, endsAt: times.endsAt, role, person, phone });
    if (sent.ok) {
      setError(null);
      setPerson('');
      setPhone('');
      onDone();
      return;
    }
    // the server refused a clash; the week on screen names the shift it met, in the screen's words
    const clash = sent.code === 'conflict' ? conflictingShift(shifts, { id: '', person, ...times }) : undefined;
    const words: Words = clash ? (t, language) => clashWords(t, language, clash) : () => sent.message;
    setError(() => words);
  };

  return (
    <form className="shift-form" data-testid="shift-form" onSubmit={submit}>
      <strong>{t('dutyWeek.add')}</strong>
      <label>
        {t('dutyWeek.date')}
        <select name="date" value={date} onChange={(e) => setDate(e.target.value)}>
          {dates.map((d) => (
            <option key={d} value={d}>
              {dayLabel(d, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('dutyWeek.post')}
        <select name="role" value={role} onChange={(e) => setRole(e.target.value as DutyRole)}>
          {DUTY_POSTS.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('dutyWeek.preset')}
        <select name="preset" value={preset} onChange={(e) => setPreset(e.target.value as Preset)}>
          <option value="day">{t('dutyWeek.day')}</option>
          <option value="night">{t('dutyWeek.night')}</option>
          <option value="custom">{t('dutyWeek.custom')}</option>
        </select>
      </label>
      {preset === 'custom' && (
        <>
          <label>
            {t('dutyWeek.start')}
            <input name="start" type="time" value={start} onChange={(e) => setStart(e.target.value)} required />
          </label>
          <label>
            {t('dutyWeek.end')}
            <input name="end" type="time" value={end} onChange={(e) => setEnd(e.target.value)} required />
            {times.overnight && <small>{t('dutyWeek.nextDay')}</small>}
          </label>
        </>
      )}
      <label>
        {t('dutyWeek.person')}
        <input name="person" value={person} onChange={(e) => setPerson(e.target.value)} maxLength={60} required />
      </label>
      <label>
        {t('dutyWeek.phone')}
        <input name="phone" value={phone} onChange={(e) => setPhone(e.target.value)} maxLength={32} required />
      </label>
      <button type="submit" className="primary">
        {t('dutyWeek.add')}
      </button>
      {error && (
        <p className="sign-in-error" role="alert" data-testid="shift-form-error">
          {error(t, i18n.language)}
        </p>
      )}
    </form>
  );
}

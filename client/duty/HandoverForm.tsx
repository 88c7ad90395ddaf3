import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DutyShift } from '../../shared/duty.ts';
import { api } from '../api/write.ts';

/** 写交接班记录: the outgoing shift writes what the next must know; the next confirms it in the notice above. */
export function HandoverForm({ onDuty, next }: { onDuty: readonly DutyShift[]; next: readonly DutyShift[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (onDuty.length === 0 || next.length === 0) return null;
  if (!open)
    return (
      <button className="handover-open" data-testid="write-handover" onClick={() => setOpen(true)}>
        {t('handover.write')}
      </button>
    );
  const label = (s: DutyShift) => `${t(`role.${s.role}`)} ${s.person}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const sent = await api.duty.writeHandover({ fromShiftId: from || onDuty[0]!.id, toShiftId: to || next[0]!.id, note: note.trim() });
    setError(sent.ok ? null : sent.message);
    if (sent.ok) {
      setNote('');
      setOpen(false);
    }
  };
  return (
    <form className="handover-form" onSubmit={submit} data-testid="handover-form">
      <div>
        <select aria-label={t('handover.from')} value={from} onChange={(e) => setFrom(e.target.value)}>
          {onDuty.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s)}
            </option>
          ))}
        </select>
        →
        <select aria-label={t('handover.to')} value={to} onChange={(e) => setTo(e.target.value)}>
          {next.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s)}
            </option>
          ))}
        </select>
      </div>
      <textarea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('handover.placeholder')} rows={3} maxLength={4000} required />
      <button type="submit">{t('handover.submit')}</button>
      {error && <p className="sign-in-error">{error}</p>}
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DutyShift, handoverCandidates } from '../../shared/duty.ts';
import { api } from '../api/write.ts';
import { formatDateTime } from '../i18n/format.ts';

/**
 * 写交接班记录: the outgoing shift (one on post) writes what the next must know, to the next shift of the same
 * post only; the incoming person confirms it in the notice above.
 */
export function HandoverForm({ onDuty, shifts }: { onDuty: readonly DutyShift[]; shifts: readonly DutyShift[] }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  // only a shift on post hands over (the server says the same): one not yet checked in has nothing to pass on
  const outgoing = onDuty.filter((s) => s.status === 'on_post' || s.status === 'away');
  if (outgoing.length === 0) return null;
  if (!open)
    return (
      <button className="handover-open" data-testid="write-handover" onClick={() => setOpen(true)}>
        {t('handover.write')}
      </button>
    );
  const fromShift = outgoing.find((s) => s.id === from) ?? outgoing[0]!;
  const incoming = handoverCandidates(fromShift, shifts);
  const toShift = incoming.find((s) => s.id === to) ?? incoming[0];
  const label = (s: DutyShift) => `${t(`role.${s.role}`)} ${s.person}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!toShift) return;
    const sent = await api.duty.writeHandover({ fromShiftId: fromShift.id, toShiftId: toShift.id, note: note.trim() });
    setError(sent.ok ? null : sent.message);
    if (sent.ok) {
      setNote('');
      setOpen(false);
    }
  };
  return (
    <form className="handover-form" onSubmit={submit} data-testid="handover-form">
      <div>
        <select aria-label={t('handover.from')} name="from" value={fromShift.id} onChange={(e) => setFrom(e.target.value)}>
          {outgoing.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s)}
            </option>
          ))}
        </select>
        →
        <select aria-label={t('handover.to')} name="to" value={toShift?.id ?? ''} onChange={(e) => setTo(e.target.value)} disabled={!toShift}>
          {incoming.map((s) => (
            <option key={s.id} value={s.id}>
              {label(s)} {formatDateTime(s.startsAt, i18n.language)}
            </option>
          ))}
        </select>
      </div>
      {!toShift && <p className="empty">{t('handoverList.noCandidate')}</p>}
      <textarea value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('handover.placeholder')} rows={3} maxLength={4000} required />
      <button type="submit" disabled={!toShift}>
        {t('handover.submit')}
      </button>
      {error && <p className="sign-in-error">{error}</p>}
    </form>
  );
}

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import { confirmsOwnHandover } from '../../shared/duty.ts';
import { api } from '../api/write.ts';
import { useLive } from '../realtime/LiveProvider.tsx';

/**
 * 交接班: handovers written and waiting for the next shift to confirm, with the note in full. The person who
 * wrote one is told it waits for the incoming person instead of being offered a button the server refuses.
 */
export function HandoverNotice() {
  const { t } = useTranslation();
  const handovers = useLive((v) => v.sync.live?.dutyHandovers);
  const shifts = useLive((v) => v.sync.live?.dutyShifts);
  const principal = useLive((v) => v.principal);
  const [error, setError] = useState<string | null>(null);
  const pending = useMemo(() => [...(handovers?.values() ?? [])].filter((h) => h.status === 'pending'), [handovers]);
  if (pending.length === 0) return null;

  return (
    <div className="handover" data-testid="handover-notice">
      {pending.map((h) => (
        <div key={h.id} className="handover-item" data-handover-id={h.id}>
          <strong>{t('handover.pending', { from: shifts?.get(h.fromShiftId)?.person ?? h.writtenBy, to: shifts?.get(h.toShiftId)?.person ?? '' })}</strong>
          <p>{h.note}</p>
          {principal &&
            can(principal.role, 'operate') &&
            (confirmsOwnHandover(h, principal.name) ? (
              <p className="empty" data-testid="handover-own">
                {t('handoverList.own')}
              </p>
            ) : (
              <button
                data-testid="confirm-handover"
                onClick={async () => {
                  const sent = await api.duty.confirmHandover({ id: h.id });
                  setError(sent.ok ? null : sent.message);
                }}
              >
                {t('handover.confirm')}
              </button>
            ))}
        </div>
      ))}
      {error && <p className="sign-in-error">{error}</p>}
    </div>
  );
}

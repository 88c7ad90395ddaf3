import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import { allowedNextStatuses, type FireAlert, type FireAlertStatus } from '../../shared/fire-alerts.ts';
import { intakeFromFireAlert } from '../../shared/incidents.ts';
import { api } from '../api/write.ts';
import { openIntake } from '../incidents/intake.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { FIRE_STATUS_COLOR } from '../ui/palette.ts';

/** The steps that end an alert's case: asked once more before they are taken. */
const ASKED_FIRST: ReadonlySet<FireAlertStatus> = new Set(['false_alarm', 'closed']);

type Outcome = { state: 'idle' | 'busy' } | { state: 'failed'; message: string };

/**
 * 处置: the next steps of an alert as buttons, with a note for the record. Shown only to those who may
 * act; the change comes back over the live feed like everyone else's, so the drawer needs no state of its own.
 */
export function AlertActions({ alert }: { alert: FireAlert }) {
  const { t } = useTranslation();
  const role = useLive((v) => v.principal?.role);
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const next = allowedNextStatuses(alert.status);
  const hasIncident = useLive((v) => [...(v.sync.live?.incidents.values() ?? [])].some((i) => i.fireAlertId === alert.id));
  if (!role || !can(role, 'operate') || next.length === 0) return null;

  const act = async (status: FireAlertStatus) => {
    setOutcome({ state: 'busy' });
    const sent = await api.fireAlerts.transition({ id: alert.id }, { status, note: note.trim() });
    if (!sent.ok) setOutcome({ state: 'failed', message: sent.message });
    else {
      setNote('');
      setOutcome({ state: 'idle' });
    }
  };

  return (
    <div className="alert-actions" data-testid="alert-actions">
      <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('actions.note')} maxLength={2000} />
      <div className="alert-action-buttons">
        {next.map((status) =>
          ASKED_FIRST.has(status) ? (
            <ConfirmButton
              key={status}
              data-status={status}
              disabled={outcome.state === 'busy'}
              style={{ borderColor: FIRE_STATUS_COLOR[status] }}
              label={t(`actions.to.${status}`)}
              ask={t(`actions.ask.${status}`)}
              onConfirm={() => void act(status)}
            />
          ) : (
            <button
              key={status}
              data-status={status}
              disabled={outcome.state === 'busy'}
              style={{ borderColor: FIRE_STATUS_COLOR[status] }}
              onClick={() => act(status)}
            >
              {t(`actions.to.${status}`)}
            </button>
          ),
        )}
      </div>
      {!hasIncident && (
        // 转为事件: the intake form, prefilled from the alert, for the officer to complete and register
        <button className="open-incident" data-testid="alert-to-incident" onClick={() => openIntake(intakeFromFireAlert(alert))}>
          {t('incidentWork.toIncident')}
        </button>
      )}
      {outcome.state === 'failed' && (
        <p className="sign-in-error" role="alert">
          {t('actions.failed', { reason: outcome.message })}
        </p>
      )}
    </div>
  );
}

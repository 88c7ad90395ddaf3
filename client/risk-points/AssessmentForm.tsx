import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AssessmentFactors,
  type AssessmentMethod,
  type FactorRow,
  LEC_TABLES,
  MATRIX_TABLES,
  proposeLevel,
  type RiskPointProgress,
} from '../../shared/risk-assessment.ts';
import { RISK_LEVELS, type RiskLevel } from '../../shared/risk-points.ts';
import { api } from '../api/write.ts';
import { LEVEL_COLOR } from '../ui/palette.ts';

const FACTORS: Record<AssessmentMethod, Record<string, readonly FactorRow[]>> = { lec: LEC_TABLES, matrix: MATRIX_TABLES };

/** The factors chosen so far, as the selects hold them ('' until chosen). */
type Chosen = Record<string, string>;

function factorsOf(method: AssessmentMethod, chosen: Chosen): AssessmentFactors | null {
  const keys = Object.keys(FACTORS[method]);
  if (keys.some((k) => !chosen[k])) return null;
  const values = Object.fromEntries(keys.map((k) => [k, Number(chosen[k])]));
  return { method, ...values } as AssessmentFactors;
}

/**
 * 评估: the officer picks each factor from the method's table; the shared rule proposes the level (the
 * same function the server applies), and the officer confirms it — or another level, with the reason.
 */
export function AssessmentForm({ pointId, onDone }: { pointId: string; onDone: (progress: RiskPointProgress | null) => void }) {
  const { t, i18n } = useTranslation();
  const [method, setMethod] = useState<AssessmentMethod>('lec');
  const [chosen, setChosen] = useState<Chosen>({});
  // null: the confirmed level follows the proposal until the officer picks another
  const [confirmed, setConfirmed] = useState<RiskLevel | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const factors = factorsOf(method, chosen);
  const proposal = factors && proposeLevel(factors);
  const level = confirmed ?? proposal?.level ?? null;
  const overriding = proposal !== null && level !== null && level !== proposal.level;
  const words = (row: FactorRow) => (i18n.language === 'en' ? row.en : row.zh);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!factors || !level) return;
    setBusy(true);
    const sent = await api.riskPoints.assess({ id: pointId }, { ...factors, confirmedLevel: level, reason: overriding ? reason : '' });
    setBusy(false);
    if (!sent.ok) return setError(t('riskWork.failed', { reason: sent.message }));
    onDone(sent.data);
  };

  return (
    <form className="assessment-form" data-testid="assessment-form" onSubmit={submit}>
      <label>
        {t('riskWork.method')}
        <select
          name="method"
          value={method}
          onChange={(e) => {
            setMethod(e.target.value as AssessmentMethod);
            setChosen({});
            setConfirmed(null);
          }}
        >
          {(['lec', 'matrix'] as const).map((m) => (
            <option key={m} value={m}>
              {t(`riskWork.methods.${m}`)}
            </option>
          ))}
        </select>
      </label>
      {Object.entries(FACTORS[method]).map(([key, rows]) => (
        <label key={key}>
          {t(`riskWork.factor.${key}`)}
          <select name={key} value={chosen[key] ?? ''} required onChange={(e) => setChosen((c) => ({ ...c, [key]: e.target.value }))}>
            <option value="">{t('riskWork.choose')}</option>
            {rows.map((row) => (
              <option key={row.value} value={String(row.value)}>
                {row.value} · {words(row)}
              </option>
            ))}
          </select>
        </label>
      ))}
      <div className="assessment-proposal" data-testid="assessment-proposal" data-level={proposal?.level ?? ''}>
        {proposal ? (
          <>
            <span>{t(`riskWork.score.${method}`, { score: proposal.score })}</span>
            <span>
              {t('riskWork.proposed')}{' '}
              <span className="level-tag" style={{ background: LEVEL_COLOR[proposal.level] }}>
                {t(`level.${proposal.level}`)}
              </span>
            </span>
          </>
        ) : (
          <span className="form-hint">{t('riskWork.proposedPending')}</span>
        )}
      </div>
      {proposal && (
        <>
          <label>
            {t('riskWork.confirmedLevel')}
            <select name="confirmedLevel" value={level ?? ''} onChange={(e) => setConfirmed(e.target.value as RiskLevel)}>
              {RISK_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`level.${l}`)}
                </option>
              ))}
            </select>
          </label>
          {overriding && (
            <label>
              {t('riskWork.reason')}
              <textarea
                name="reason"
                value={reason}
                rows={2}
                maxLength={500}
                required
                placeholder={t('riskWork.reasonPlaceholder')}
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
          )}
        </>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="primary" data-testid="confirm-assessment" disabled={busy || !proposal}>
          {t('riskWork.confirm')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('riskWork.cancel')}
        </button>
      </div>
    </form>
  );
}

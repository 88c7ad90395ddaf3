import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../shared/auth.ts';
import { type RiskAssessment, RISK_STAGES, type RiskPointProgress } from '../../shared/risk-assessment.ts';
import type { RiskPointSummary } from '../../shared/risk-points.ts';
import { api } from '../api/write.ts';
import { formatDateTime } from '../i18n/format.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import { ConfirmButton } from '../ui/ConfirmButton.tsx';
import { LEVEL_COLOR } from '../ui/palette.ts';
import { AssessmentForm } from './AssessmentForm.tsx';
import { RiskPointForm } from './RiskPointForm.tsx';
import type { RecordLoad } from './useRiskPointRecord.ts';
import { useRiskPointProgress } from './useRiskPointProgress.ts';
import './risk-points.css';

type Open = 'none' | 'edit' | 'assess';

function factorText(a: RiskAssessment): string {
  const f = a.factors;
  return 'l' in f ? `L ${f.l} × E ${f.e} × C ${f.c} = ${a.score}` : `${f.likelihood} × ${f.severity} = ${a.score}`;
}

/**
 * A risk point's work in its drawer: 编辑 (the same form as 新增, prefilled), where it stands on
 * 摸底 → 评估 → 建档 → 上网 with the next step as a button, the assessment, and the history of both.
 */
export function RiskPointWork({ point, load }: { point: RiskPointSummary; load: RecordLoad }) {
  const { t, i18n } = useTranslation();
  const role = useLive((v) => v.principal?.role);
  const acts = !!role && can(role, 'operate');
  const { load: progress, hold } = useRiskPointProgress(point);
  const [open, setOpen] = useState<{ id: string; what: Open }>({ id: point.id, what: 'none' });
  const [error, setError] = useState<string | null>(null);
  // another point opened in the same drawer closes this one's forms
  const what = open.id === point.id ? open.what : 'none';
  const show = (next: Open) => setOpen({ id: point.id, what: next });
  const done = (answer: RiskPointProgress | null) => {
    if (answer) hold(answer);
    show('none');
  };
  const step = async (stage: 'filed' | 'online') => {
    const sent = await api.riskPoints.step({ id: point.id }, { stage });
    setError(sent.ok ? null : t('riskWork.failed', { reason: sent.message }));
    if (sent.ok) hold(sent.data);
  };

  const p = progress.state === 'loaded' ? progress.progress : null;
  const at = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <section className="risk-work" data-testid="risk-work" data-stage={p?.stage ?? ''}>
      {acts && what !== 'edit' && load.state === 'loaded' && (
        <button type="button" className="risk-work-edit" data-testid="edit-risk-point" onClick={() => show('edit')}>
          {t('riskWork.edit')}
        </button>
      )}
      {what === 'edit' && load.state === 'loaded' && <RiskPointForm editing={load.record} onDone={() => show('none')} />}

      <h3>{t('riskWork.stageTitle')}</h3>
      {progress.state === 'loading' && <p className="empty">{t('riskWork.progressLoading')}</p>}
      {progress.state === 'failed' && <p className="empty">{t('riskWork.progressFailed')}</p>}
      {p && (
        <>
          <ol className="risk-stages" data-testid="risk-stages">
            {RISK_STAGES.map((stage, i) => {
              const reached = i <= RISK_STAGES.indexOf(p.stage);
              return (
                <li key={stage} className={stage === p.stage ? 'current' : reached ? 'reached' : ''} data-stage={stage}>
                  {t(`riskWork.stage.${stage}`)}
                </li>
              );
            })}
          </ol>
          {acts && what !== 'assess' && (
            <div className="risk-work-buttons">
              <button type="button" data-testid="assess-risk-point" onClick={() => show('assess')}>
                {t(p.assessments.length === 0 ? 'riskWork.assess' : 'riskWork.reassess')}
              </button>
              {p.next.includes('filed') && (
                <ConfirmButton data-status="filed" label={t('riskWork.file')} ask={t('riskWork.fileAsk')} onConfirm={() => void step('filed')} />
              )}
              {p.next.includes('online') && (
                <ConfirmButton data-status="online" label={t('riskWork.online')} ask={t('riskWork.onlineAsk')} onConfirm={() => void step('online')} />
              )}
            </div>
          )}
          {p.next.includes('assessed') && what !== 'assess' && <p className="form-hint">{t('riskWork.nextByAssessment')}</p>}
          {p.stage === 'online' && <p className="form-hint">{t('riskWork.done')}</p>}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          {what === 'assess' && <AssessmentForm pointId={point.id} onDone={done} />}

          <h3>{t('riskWork.assessments')}</h3>
          {p.assessments.length === 0 ? (
            <p className="empty">{t('riskWork.noAssessments')}</p>
          ) : (
            <ol className="timeline assessments" data-testid="assessment-history">
              {p.assessments.map((a) => (
                <li key={a.id}>
                  <time>{at(a.assessedAt)}</time>
                  <strong style={{ color: LEVEL_COLOR[a.confirmedLevel] }}>{t(`level.${a.confirmedLevel}`)}</strong>
                  <span>
                    {a.method === 'lec' ? 'LEC' : t('riskWork.methods.matrix')} {factorText(a)} · {t('riskWork.proposed')} {t(`level.${a.proposedLevel}`)}
                    {a.proposedLevel !== a.confirmedLevel && ` → ${t('riskWork.override')}`} · {a.assessedBy}
                    {a.reason && <em> {a.reason}</em>}
                  </span>
                </li>
              ))}
            </ol>
          )}
          <h3>{t('riskWork.steps')}</h3>
          <ol className="timeline" data-testid="stage-history">
            {p.steps.map((s, i) => (
              <li key={i}>
                <time>{at(s.at)}</time>
                <strong>{t(`riskWork.stage.${s.stage}`)}</strong>
                <span>{s.actor}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

import type { AssessmentMethod, RiskStage } from '../../shared/risk-assessment.ts';
import type { RiskLevel } from '../../shared/risk-points.ts';

/** A risk point's stages, one row a step (摸底 → 评估 → 建档 → 上网), numbered per point: the last is where it stands. */
export interface RiskPointStepsTable {
  riskPointId: string;
  n: number;
  stage: RiskStage;
  at: string;
  actor: string;
  note: string;
  demo: number;
}

/** Every assessment of a risk point, kept: the point's level is the last one's confirmed level. */
export interface RiskAssessmentsTable {
  id: string;
  riskPointId: string;
  method: AssessmentMethod;
  /** JSON of the method's factors ({ l, e, c } or { likelihood, severity }). */
  factors: string;
  score: number;
  proposedLevel: RiskLevel;
  confirmedLevel: RiskLevel;
  reason: string;
  assessedBy: string;
  assessedAt: string;
  demo: number;
}

import {
  factorsOf,
  nextStages,
  proposeLevel,
  type RiskAssessment,
  riskAssessmentCreateSchema,
  type RiskPointProgress,
  riskStepCreateSchema,
  stageOf,
} from '../../shared/risk-assessment.ts';
import { type RiskPoint, summarizeRiskPoint } from '../../shared/risk-points.ts';
import { idSchema } from '../../shared/records.ts';
import type { Actor } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { newRecordId } from '../db/ids.ts';
import { insertAssessment, insertStep, listSteps, readProgress } from './assessment-repository.ts';
import { findRiskPoint, saveRiskPoint } from './repository.ts';

/**
 * 评估: the chosen factors propose a level by the method's bands (shared/risk-assessment.ts, the one rule),
 * the person confirms it or another with a reason, and the confirmed level becomes the point's level — one
 * write with the assessment kept beside it. A point at 摸底 thereby reaches 评估; a later assessment (a
 * periodic review) changes the level and leaves the stage where it is.
 */
export async function assessRiskPoint(deps: DomainDeps, id: unknown, input: unknown, actor: Actor): Promise<RiskPointProgress> {
  const pointId = parseInput(idSchema, id, 'risk point id');
  const body = parseInput(riskAssessmentCreateSchema, input, 'risk assessment');
  const proposed = proposeLevel(body);
  return deps.store.write(actor, async (trx, now) => {
    const current = await findRiskPoint(trx, pointId);
    if (!current) throw notFound('risk point', pointId);
    const steps = await listSteps(trx, pointId);
    const at = now.toISOString();
    const assessment: RiskAssessment = {
      id: newRecordId('ra'),
      riskPointId: pointId,
      method: body.method,
      factors: factorsOf(body),
      score: proposed.score,
      proposedLevel: proposed.level,
      confirmedLevel: body.confirmedLevel,
      reason: body.reason,
      assessedBy: actor.name,
      assessedAt: at,
      demo: deps.demo,
    };
    await insertAssessment(trx, assessment);
    if (stageOf(steps) === 'survey')
      await insertStep(trx, { riskPointId: pointId, n: steps.length + 1, stage: 'assessed', at, actor: actor.name, note: '', demo: deps.demo });
    const next: RiskPoint = { ...current, level: body.confirmedLevel, updatedAt: at };
    await saveRiskPoint(trx, next);
    return {
      result: await readProgress(trx, pointId),
      // the new level (and updatedAt, on which open drawers read the point's progress again) reaches every screen
      changes: [{ entity: 'riskPoint', op: 'upsert', data: summarizeRiskPoint(next) }],
      audit: { action: 'riskPoint.assess', entity: 'riskPoint', entityId: pointId, before: current, after: { point: next, assessment } },
    };
  });
}

/** 建档 and 上网: the next stage only, each a step with who took it and when; a stage skipped is refused with the one allowed. */
export async function stepRiskPoint(deps: DomainDeps, id: unknown, input: unknown, actor: Actor): Promise<RiskPointProgress> {
  const pointId = parseInput(idSchema, id, 'risk point id');
  const body = parseInput(riskStepCreateSchema, input, 'risk point step');
  return deps.store.write(actor, async (trx, now) => {
    const current = await findRiskPoint(trx, pointId);
    if (!current) throw notFound('risk point', pointId);
    const steps = await listSteps(trx, pointId);
    const stage = stageOf(steps);
    const allowed = nextStages(stage);
    if (!allowed.includes(body.stage))
      throw new ApiError('illegal_transition', `a risk point at ${stage} cannot go to ${body.stage}; the next step is ${allowed.join(', ') || 'none'}`, {
        stage,
        allowed,
      });
    const at = now.toISOString();
    const step = { stage: body.stage, at, actor: actor.name, note: body.note };
    await insertStep(trx, { ...step, riskPointId: pointId, n: steps.length + 1, demo: deps.demo });
    const next: RiskPoint = { ...current, updatedAt: at };
    await saveRiskPoint(trx, next);
    return {
      result: await readProgress(trx, pointId),
      changes: [{ entity: 'riskPoint', op: 'upsert', data: summarizeRiskPoint(next) }],
      audit: { action: `riskPoint.${body.stage}`, entity: 'riskPoint', entityId: pointId, before: { stage }, after: { point: next, step } },
    };
  });
}

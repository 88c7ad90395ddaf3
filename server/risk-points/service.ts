import { type RiskPoint, riskPointCreateSchema, riskPointPatchSchema, summarizeRiskPoint } from '../../shared/risk-points.ts';
import { idSchema } from '../../shared/records.ts';
import type { Actor } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { notFound, parseInput } from '../errors.ts';
import { findRiskPoint, saveRiskPoint } from './repository.ts';
import { newRecordId } from '../db/ids.ts';
import { insertStep } from './assessment-repository.ts';

export async function createRiskPoint(deps: DomainDeps, input: unknown, actor: Actor): Promise<RiskPoint> {
  const body = parseInput(riskPointCreateSchema, input, 'risk point');
  const district = deps.locator.require(body.lon, body.lat);
  return deps.store.write(actor, async (trx, now) => {
    // a new point has no hazards yet: its counts come from hazard records alone (see countHazards)
    const point: RiskPoint = {
      id: newRecordId('rp'),
      ...body,
      district,
      openHazards: 0,
      overdueHazards: 0,
      externalId: null,
      updatedAt: now.toISOString(),
      demo: deps.demo,
    };
    await saveRiskPoint(trx, point);
    // its first stage, 摸底, as a step: who found it and when
    await insertStep(trx, { riskPointId: point.id, n: 1, stage: 'survey', at: point.updatedAt, actor: actor.name, note: '', demo: deps.demo });
    return {
      result: point,
      changes: [{ entity: 'riskPoint', op: 'upsert', data: summarizeRiskPoint(point) }],
      audit: { action: 'riskPoint.create', entity: 'riskPoint', entityId: point.id, before: null, after: point },
    };
  });
}

export async function updateRiskPoint(deps: DomainDeps, id: unknown, input: unknown, actor: Actor): Promise<RiskPoint> {
  const pointId = parseInput(idSchema, id, 'risk point id');
  const patch = parseInput(riskPointPatchSchema, input, 'risk point change');
  return deps.store.write(actor, async (trx, now) => {
    const current = await findRiskPoint(trx, pointId);
    if (!current) throw notFound('risk point', pointId);
    const next: RiskPoint = { ...current, ...patch, updatedAt: now.toISOString() };
    if (patch.lon !== undefined || patch.lat !== undefined) next.district = deps.locator.require(next.lon, next.lat);
    await saveRiskPoint(trx, next);
    return {
      result: next,
      changes: [{ entity: 'riskPoint', op: 'upsert', data: summarizeRiskPoint(next) }],
      audit: { action: 'riskPoint.update', entity: 'riskPoint', entityId: next.id, before: current, after: next },
    };
  });
}

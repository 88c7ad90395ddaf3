import type { ChangeDraft } from '../../shared/changes.ts';
import {
  HAZARD_TRANSITIONS,
  type Hazard,
  hazardAfterStep,
  hazardCreateSchema,
  hazardStepRefusal,
  hazardTransitionSchema,
  isHazardOpen,
  newHazard,
  tipOffSchema,
} from '../../shared/hazards.ts';
import { idSchema } from '../../shared/records.ts';
import { type Actor, nothingToDo } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { findRiskPoint } from '../risk-points/repository.ts';
import { recountRiskPoints } from './counts.ts';
import { findHazard, newlyOverdueHazards, saveHazard } from './repository.ts';
import { newRecordId } from '../db/ids.ts';

const hazardChange = (data: Hazard): ChangeDraft => ({ entity: 'hazard', op: 'upsert', data });

export const newHazardId = () => newRecordId('hz');

/** 排查发现: an inspector or grid officer files a hazard on a risk point. */
export async function reportHazard(deps: DomainDeps, input: unknown, actor: Actor): Promise<Hazard> {
  const body = parseInput(hazardCreateSchema, input, 'hazard');
  return deps.store.write(actor, async (trx, now) => {
    const point = await findRiskPoint(trx, body.riskPointId);
    if (!point) throw notFound('risk point', body.riskPointId);
    const at = now.toISOString();
    const hazard = newHazard(
      { ...body, district: point.district },
      { id: newHazardId(), status: 'found', foundAt: at, at, actor: actor.name, note: body.description, demo: deps.demo },
    );
    await saveHazard(trx, hazard);
    return {
      result: hazard,
      changes: [hazardChange(hazard), ...(await recountRiskPoints(trx, [hazard.riskPointId], now))],
      audit: { action: 'hazard.report', entity: 'hazard', entityId: hazard.id, before: null, after: hazard },
    };
  });
}

const PUBLIC: Actor = { name: 'public-tip-off', role: 'system' };

/** 群众举报: anyone may tell; the hazard waits for review. The contact stays in the record for the reviewer. */
export async function receiveTipOff(deps: DomainDeps, input: unknown): Promise<{ id: string }> {
  const body = parseInput(tipOffSchema, input, 'tip-off');
  return deps.store.write(PUBLIC, async (trx, now) => {
    const at = now.toISOString();
    const description = body.contact ? `${body.description}\n联系方式：${body.contact}` : body.description;
    const hazard = newHazard(
      { riskPointId: null, district: body.district, title: body.title, description, grade: 'general', source: 'public_tip_off' },
      { id: newHazardId(), status: 'reported', foundAt: at, at, actor: PUBLIC.name, note: '', demo: deps.demo },
    );
    await saveHazard(trx, hazard);
    return {
      result: { id: hazard.id },
      changes: [hazardChange(hazard)],
      audit: { action: 'hazard.tipOff', entity: 'hazard', entityId: hazard.id, before: null, after: hazard },
    };
  });
}

/** One step of the closed loop, with what that step needs; anything else is refused with the reason and the allowed steps. */
export async function moveHazard(deps: DomainDeps, id: unknown, input: unknown, actor: Actor): Promise<Hazard> {
  const hazardId = parseInput(idSchema, id, 'hazard id');
  const step = parseInput(hazardTransitionSchema, input, 'hazard step');
  return deps.store.write(actor, async (trx, now) => {
    const current = await findHazard(trx, hazardId);
    if (!current) throw notFound('hazard', hazardId);
    const refusal = hazardStepRefusal(current, step);
    if (refusal) throw new ApiError('illegal_transition', refusal, HAZARD_TRANSITIONS[current.status]);
    const next = hazardAfterStep(current, step, now.toISOString(), actor.name);
    await saveHazard(trx, next);
    return {
      result: next,
      changes: [hazardChange(next), ...(await recountRiskPoints(trx, [next.riskPointId], now))],
      audit: { action: `hazard.${step.status}`, entity: 'hazard', entityId: next.id, before: current, after: next },
    };
  });
}

const OVERDUE_ACTOR: Actor = { name: 'overdue-check', role: 'system' };

/** Marks hazards whose rectification deadline has passed, and counts their risk point's hazards again. Run by a timer. */
export async function markOverdueHazards(deps: DomainDeps): Promise<Hazard[]> {
  const marked: Hazard[] = [];
  for (const hazard of await newlyOverdueHazards(deps.store.db, deps.store.clock().toISOString())) {
    const next = await deps.store.write<Hazard | null>(OVERDUE_ACTOR, async (trx, now) => {
      const current = await findHazard(trx, hazard.id);
      if (!current || current.overdueSince || !isHazardOpen(current.status)) return nothingToDo(null);
      const at = now.toISOString();
      const next: Hazard = { ...current, overdueSince: at, updatedAt: at };
      await saveHazard(trx, next);
      return {
        result: next,
        changes: [hazardChange(next), ...(await recountRiskPoints(trx, [next.riskPointId], now))],
        audit: { action: 'hazard.overdue', entity: 'hazard', entityId: next.id, before: current, after: next },
      };
    });
    if (next) marked.push(next);
  }
  return marked;
}

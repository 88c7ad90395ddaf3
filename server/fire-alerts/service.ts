import { randomUUID } from 'node:crypto';
import {
  allowedNextStatuses,
  canTransition,
  type FireAlert,
  fireAlertReportSchema,
  fireAlertTransitionSchema,
} from '../../shared/fire-alerts.ts';
import { idSchema } from '../../shared/records.ts';
import type { Actor } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { findFireAlert, saveFireAlert } from './repository.ts';

/** A new alert from any source: placed in its district, stamped, and logged as its first step. */
export async function reportFireAlert(deps: DomainDeps, input: unknown, actor: Actor): Promise<FireAlert> {
  const report = parseInput(fireAlertReportSchema, input, 'fire alert report');
  const district = deps.locator.require(report.lon, report.lat);
  return deps.store.write(actor, async (trx, now) => {
    const at = now.toISOString();
    const alert: FireAlert = {
      id: `fa-${randomUUID()}`,
      source: report.source,
      lon: report.lon,
      lat: report.lat,
      district,
      description: report.description,
      detectedAt: report.detectedAt ?? at,
      confidence: report.confidence ?? null,
      frpMw: report.frpMw ?? null,
      footprint: report.footprint ?? null,
      status: 'new',
      history: [{ status: 'new', at, actor: actor.name, note: report.description }],
      updatedAt: at,
      demo: deps.demo,
    };
    await saveFireAlert(trx, alert);
    return {
      result: alert,
      changes: [{ entity: 'fireAlert', op: 'upsert', data: alert }],
      audit: { action: 'fireAlert.report', entity: 'fireAlert', entityId: alert.id, before: null, after: alert },
    };
  });
}

/** Moves an alert one step along its lifecycle; any other step is refused with the steps that are allowed. */
export async function transitionFireAlert(deps: DomainDeps, id: unknown, input: unknown, actor: Actor): Promise<FireAlert> {
  const alertId = parseInput(idSchema, id, 'fire alert id');
  const { status, note } = parseInput(fireAlertTransitionSchema, input, 'fire alert status change');
  return deps.store.write(actor, async (trx, now) => {
    const current = await findFireAlert(trx, alertId);
    if (!current) throw notFound('fire alert', alertId);
    if (!canTransition(current.status, status)) {
      // details is the list of statuses the alert may move to, as the published contract says
      const allowed = allowedNextStatuses(current.status);
      throw new ApiError('illegal_transition', `a ${current.status} alert cannot become ${status}`, allowed);
    }
    const at = now.toISOString();
    const next: FireAlert = { ...current, status, history: [...current.history, { status, at, actor: actor.name, note }], updatedAt: at };
    await saveFireAlert(trx, next);
    return {
      result: next,
      changes: [{ entity: 'fireAlert', op: 'upsert', data: next }],
      audit: { action: 'fireAlert.transition', entity: 'fireAlert', entityId: next.id, before: current, after: next },
    };
  });
}

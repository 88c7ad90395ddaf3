import { shiftsOnDutyAt } from '../../shared/duty.ts';
import {
  allowedNextStatuses,
  canTransition,
  type Detection,
  dueForEscalation,
  type FireAlert,
  fireAlertReportSchema,
  fireAlertTransitionSchema,
  mergeTarget,
} from '../../shared/fire-alerts.ts';
import { idSchema } from '../../shared/records.ts';
import { type Actor, nothingToDo } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { listDutyShifts } from '../duty/repository.ts';
import { dutyDatesAround } from '../../shared/duty.ts';
import { activeSatelliteAlertsSince, alertsAwaitingEscalation, findFireAlert, saveFireAlert } from './repository.ts';
import { newRecordId } from '../db/ids.ts';
import { notifyEscalation } from '../notifications/service.ts';

const sameDetection = (a: Detection, b: Detection) => a.at === b.at && a.lon === b.lon && a.lat === b.lat;

export interface ReportOutcome {
  alert: FireAlert;
  /** The report was a satellite hotspot of a fire already alerted: it joined that alert. */
  merged: boolean;
}

/**
 * A new alert from any source: placed in its district, stamped, and logged as its first step. A satellite
 * hotspot close in space and time to an active satellite alert joins it instead (every detection is kept):
 * one fire seen on several passes or by several satellites is one alert for the duty officer.
 */
export async function reportFireAlert(deps: DomainDeps, input: unknown, actor: Actor): Promise<ReportOutcome> {
  const report = parseInput(fireAlertReportSchema, input, 'fire alert report');
  const district = deps.locator.require(report.lon, report.lat);
  return deps.store.write<ReportOutcome>(actor, async (trx, now) => {
    const at = now.toISOString();
    const detection: Detection | null =
      report.source === 'satellite'
        ? {
            at: report.detectedAt ?? at,
            lon: report.lon,
            lat: report.lat,
            confidence: report.confidence ?? null,
            frpMw: report.frpMw ?? null,
            footprint: report.footprint ?? null,
          }
        : null;
    const rule = deps.rules.hotspotMerge;
    const candidates = detection ? await activeSatelliteAlertsSince(trx, new Date(Date.parse(detection.at) - rule.windowMs).toISOString()) : [];
    const target = detection && mergeTarget(candidates, detection, rule);
    if (detection && target && target.detections.some((d) => sameDetection(d, detection))) {
      // the same pass seen again (a file imported twice): nothing new to keep
      return nothingToDo({ alert: target, merged: true });
    }
    if (detection && target) {
      const merged: FireAlert = {
        ...target,
        detections: [...target.detections, detection],
        confidence: Math.max(target.confidence ?? 0, detection.confidence ?? 0) || null,
        frpMw: Math.max(target.frpMw ?? 0, detection.frpMw ?? 0) || null,
        updatedAt: at,
      };
      await saveFireAlert(trx, merged);
      return {
        result: { alert: merged, merged: true },
        changes: [{ entity: 'fireAlert', op: 'upsert', data: merged }],
        audit: { action: 'fireAlert.mergeDetection', entity: 'fireAlert', entityId: merged.id, before: target, after: merged },
      };
    }
    const alert: FireAlert = {
      id: newRecordId('fa'),
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
      detections: detection ? [detection] : [],
      escalatedAt: null,
      heatSource: detection ? deps.heatSources.match(report.lon, report.lat) : null,
      updatedAt: at,
      demo: deps.demo,
    };
    await saveFireAlert(trx, alert);
    return {
      result: { alert, merged: false },
      changes: [{ entity: 'fireAlert', op: 'upsert', data: alert }],
      audit: { action: 'fireAlert.report', entity: 'fireAlert', entityId: alert.id, before: null, after: alert },
    };
  });
}

/**
 * Escalates every alert nobody has taken in time: marks it (every screen shows it, and the leader on duty is
 * called on there) and records who was on duty to be told. Run by a timer; returns the alerts escalated.
 */
export async function escalateOverdueAlerts(deps: DomainDeps): Promise<FireAlert[]> {
  const now = deps.store.clock();
  const due: FireAlert[] = [];
  // page by page, each its own turn: a flood of untaken alerts read at once held every write up
  for (let after = ''; ;) {
    const page = await alertsAwaitingEscalation(deps.store.db, after, ESCALATION_PAGE_ROWS);
    for (const alert of page) if (dueForEscalation(alert, now, deps.rules.escalateAfterMs)) due.push(alert);
    if (page.length < ESCALATION_PAGE_ROWS) break;
    after = page.at(-1)!.id;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const escalated: FireAlert[] = [];
  for (const alert of due) {
    const next = await deps.store.write<FireAlert | null>(ESCALATION_ACTOR, async (trx, at) => {
      const current = await findFireAlert(trx, alert.id);
      // taken meanwhile: nothing to do, nothing to audit
      if (!current || !dueForEscalation(current, at, deps.rules.escalateAfterMs)) return nothingToDo(null);
      const leaders = shiftsOnDutyAt(await listDutyShifts(trx, dutyDatesAround(at)), at).filter((s) => s.role === 'leader');
      const next: FireAlert = { ...current, escalatedAt: at.toISOString(), updatedAt: at.toISOString() };
      await saveFireAlert(trx, next);
      // the leader is told in the same commit as the escalation; the outbound sends follow it (server/notifications)
      const { notification, change } = await notifyEscalation(trx, deps, next, at);
      return {
        result: next,
        changes: [{ entity: 'fireAlert', op: 'upsert', data: next }, change],
        audit: {
          action: 'fireAlert.escalate',
          entity: 'fireAlert',
          entityId: next.id,
          before: current,
          after: {
            ...next,
            notified: leaders.map((l) => l.person),
            notification: { id: notification.id, rule: notification.rule, recipients: notification.recipients.map((r) => r.username) },
          },
        },
      };
    });
    if (next) escalated.push(next);
  }
  return escalated;
}

const ESCALATION_ACTOR: Actor = { name: 'escalation', role: 'system' };
/** Alerts awaiting escalation read in one query. */
const ESCALATION_PAGE_ROWS = 500;

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

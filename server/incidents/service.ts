import { type Incident, incidentCreateSchema, incidentReportCreateSchema, reportRefusal } from '../../shared/incidents.ts';
import { idSchema } from '../../shared/records.ts';
import type { Actor } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { findFireAlert } from '../fire-alerts/repository.ts';
import { findIncident, saveIncident } from './repository.ts';
import { newRecordId } from '../db/ids.ts';

/** Opens an incident to report on, placed in its district; from a fire alert when it grew into one. */
export async function openIncident(deps: DomainDeps, input: unknown, actor: Actor): Promise<Incident> {
  const body = parseInput(incidentCreateSchema, input, 'incident');
  const district = deps.locator.require(body.lon, body.lat);
  return deps.store.write(actor, async (trx, now) => {
    if (body.fireAlertId && !(await findFireAlert(trx, body.fireAlertId))) throw notFound('fire alert', body.fireAlertId);
    const at = now.toISOString();
    const incident: Incident = {
      id: newRecordId('inc'),
      title: body.title,
      type: body.type,
      district,
      lon: body.lon,
      lat: body.lat,
      occurredAt: body.occurredAt ?? at,
      fireAlertId: body.fireAlertId ?? null,
      reports: [],
      openedBy: actor.name,
      updatedAt: at,
      demo: deps.demo,
    };
    await saveIncident(trx, incident);
    return {
      result: incident,
      changes: [{ entity: 'incident', op: 'upsert', data: incident }],
      audit: { action: 'incident.open', entity: 'incident', entityId: incident.id, before: null, after: incident },
    };
  });
}

/** 首报 / 续报 / 终报, timestamped and signed; out of order (or after the final) is refused with the reason. */
export async function fileIncidentReport(deps: DomainDeps, id: unknown, input: unknown, actor: Actor): Promise<Incident> {
  const incidentId = parseInput(idSchema, id, 'incident id');
  const body = parseInput(incidentReportCreateSchema, input, 'incident report');
  return deps.store.write(actor, async (trx, now) => {
    const current = await findIncident(trx, incidentId);
    if (!current) throw notFound('incident', incidentId);
    const refusal = reportRefusal(current, body.kind);
    if (refusal) throw new ApiError('conflict', refusal);
    const at = now.toISOString();
    const next: Incident = { ...current, reports: [...current.reports, { kind: body.kind, at, author: actor.name, text: body.text }], updatedAt: at };
    await saveIncident(trx, next);
    return {
      result: next,
      changes: [{ entity: 'incident', op: 'upsert', data: next }],
      audit: { action: `incident.report.${body.kind}`, entity: 'incident', entityId: next.id, before: current, after: next },
    };
  });
}

import { dutyDatesAround, shiftsOnDutyAt } from '../../shared/duty.ts';
import {
  composeReportText,
  incidentCreateSchema,
  type IncidentRecord,
  incidentSummary,
  INCIDENT_REASONS_ZH,
  type IncidentReport,
  incidentReportCreateSchema,
  incidentReportReturnSchema,
  incidentReportReviseSchema,
  missingElements,
  NO_CASUALTIES,
  type ReportElements,
  type ReportKind,
  reportNumberSchema,
  reportRefusal,
  type Signer,
  signRefusal,
} from '../../shared/incidents.ts';
import { idSchema } from '../../shared/records.ts';
import { newRecordId } from '../db/ids.ts';
import type { Actor, Trx } from '../db/store.ts';
import type { DomainDeps } from '../deps.ts';
import { listDutyShifts } from '../duty/repository.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { findFireAlert } from '../fire-alerts/repository.ts';
import { findIncident, findIncidentOfFireAlert, saveIncident } from './repository.ts';

/** A person acting on reports: who, as the session names them (the roster and the documents use display names). */
export type Person = Actor & { displayName: string };

/** Clocks of phones and of the server differ a little: a time this far ahead is still "now". */
const CLOCK_SKEW_MS = 5 * 60_000;

function notInFuture(at: string | undefined, now: Date, field: string) {
  if (at !== undefined && Date.parse(at) > now.getTime() + CLOCK_SKEW_MS)
    throw new ApiError('validation_failed', `invalid ${field}`, [{ field, reason: 'lies in the future', reasonZh: '不能晚于当前时间' }]);
}

/**
 * 接报登记: an incident taken in by phone or message, from a fire alert, or (later) from a monitoring alarm —
 * every way in sends the same body. Placed in the district its point lies in, or in the district typed
 * beside an address when no point was given.
 */
export async function openIncident(deps: DomainDeps, input: unknown, actor: Actor): Promise<IncidentRecord> {
  const body = parseInput(incidentCreateSchema, input, 'incident');
  const district = body.lon !== undefined && body.lat !== undefined ? deps.locator.require(body.lon, body.lat) : body.district!;
  return deps.store.write(actor, async (trx, now) => {
    notInFuture(body.occurredAt, now, 'occurredAt');
    notInFuture(body.receivedAt, now, 'receivedAt');
    const alert = body.fireAlertId ? await findFireAlert(trx, body.fireAlertId) : undefined;
    if (body.fireAlertId && !alert) throw notFound('fire alert', body.fireAlertId);
    if (alert) {
      const existing = await findIncidentOfFireAlert(trx, alert.id);
      if (existing) throw new ApiError('conflict', `fire alert ${alert.id} is incident ${existing.id} already`, { incidentId: existing.id });
    }
    const at = now.toISOString();
    // a fire alert was received when it came in; anything else when it is registered, unless told otherwise
    const receivedAt = body.receivedAt ?? alert?.detectedAt ?? at;
    const occurredAt = body.occurredAt ?? receivedAt;
    if (Date.parse(occurredAt) > Date.parse(receivedAt))
      throw new ApiError('validation_failed', 'invalid incident', [
        {
          field: 'occurredAt',
          reason: 'the incident cannot have occurred after it was received',
          reasonZh: INCIDENT_REASONS_ZH['the incident cannot have occurred after it was received'],
        },
      ]);
    const incident: IncidentRecord = {
      id: newRecordId('inc'),
      title: body.title,
      type: body.type,
      district,
      lon: body.lon ?? null,
      lat: body.lat ?? null,
      address: body.address ?? '',
      occurredAt,
      receivedAt,
      channel: body.channel ?? (alert ? 'fire_alert' : 'other'),
      casualties: body.casualties ?? NO_CASUALTIES,
      reporterName: body.reporterName ?? '',
      callbackPhone: body.callbackPhone ?? '',
      description: body.description ?? '',
      fireAlertId: alert?.id ?? null,
      reports: [],
      openedBy: actor.name,
      updatedAt: at,
      demo: deps.demo,
    };
    await saveIncident(trx, incident);
    return {
      result: incident,
      // the screens (walls among them) get the incident without the caller's name and number
      changes: [{ entity: 'incident', op: 'upsert', data: incidentSummary(incident) }],
      audit: { action: 'incident.open', entity: 'incident', entityId: incident.id, before: null, after: incident },
    };
  });
}

/** The template's required elements for this kind, each missing one named (400), and no time ahead of now. */
function checkElements(kind: ReportKind, elements: ReportElements, now: Date) {
  const missing = missingElements(kind, elements);
  if (missing.length > 0)
    throw new ApiError(
      'validation_failed',
      'invalid incident report',
      missing.map((e) => ({ field: `elements.${e}`, reason: 'required in this report', reasonZh: INCIDENT_REASONS_ZH['required in this report'] })),
    );
  notInFuture(elements.occurredAt, now, 'elements.occurredAt');
}

/** One write on an incident's reports: read it, change it, save it, tell the screens, audit it. */
async function changeReports(
  deps: DomainDeps,
  actor: Actor,
  id: unknown,
  action: string,
  change: (current: IncidentRecord, at: string, trx: Trx, now: Date) => Promise<IncidentReport[]> | IncidentReport[],
): Promise<IncidentRecord> {
  const incidentId = parseInput(idSchema, id, 'incident id');
  return deps.store.write(actor, async (trx, now) => {
    const current = await findIncident(trx, incidentId);
    if (!current) throw notFound('incident', incidentId);
    const at = now.toISOString();
    const next: IncidentRecord = { ...current, reports: await change(current, at, trx, now), updatedAt: at };
    await saveIncident(trx, next);
    return {
      result: next,
      changes: [{ entity: 'incident', op: 'upsert', data: incidentSummary(next) }],
      audit: { action, entity: 'incident', entityId: next.id, before: current, after: next },
    };
  });
}

function reportOf(incident: IncidentRecord, n: unknown): IncidentReport {
  const number = parseInput(reportNumberSchema, n, 'report number');
  const report = incident.reports.find((r) => r.n === number);
  if (!report) throw notFound('report', `${incident.id}/${number}`);
  return report;
}

const replace = (reports: IncidentReport[], next: IncidentReport) => reports.map((r) => (r.n === next.n ? next : r));

/**
 * 首报 / 续报 / 终报 written in the template and submitted for sign-off (待签发). It does not count as sent —
 * for the deadlines or the next kind — until the leader on duty signs it; out of order is refused with the reason.
 */
export async function submitIncidentReport(deps: DomainDeps, id: unknown, input: unknown, author: Person): Promise<IncidentRecord> {
  const body = parseInput(incidentReportCreateSchema, input, 'incident report');
  return changeReports(deps, author, id, `incident.report.${body.kind}.submit`, (current, at, _trx, now) => {
    const refusal = reportRefusal(current, body.kind);
    if (refusal) throw new ApiError('conflict', refusal);
    checkElements(body.kind, body.elements, now);
    const report: IncidentReport = {
      n: current.reports.length + 1,
      kind: body.kind,
      status: 'pending',
      elements: body.elements,
      text: composeReportText(body.kind, body.elements),
      author: author.name,
      authorName: author.displayName,
      writtenAt: at,
      signedBy: null,
      signedAt: null,
      returned: null,
    };
    return [...current.reports, report];
  });
}

/** A returned (or still waiting) report written again and submitted anew; a sent one is never rewritten. */
export async function reviseIncidentReport(deps: DomainDeps, id: unknown, n: unknown, input: unknown, author: Person): Promise<IncidentRecord> {
  const body = parseInput(incidentReportReviseSchema, input, 'incident report');
  return changeReports(deps, author, id, 'incident.report.revise', (current, at, _trx, now) => {
    const report = reportOf(current, n);
    if (report.status === 'sent') throw new ApiError('conflict', `report ${report.n} has been signed off and sent; write a follow-up instead`);
    checkElements(report.kind, body.elements, now);
    const revised: IncidentReport = {
      ...report,
      status: 'pending',
      elements: body.elements,
      text: composeReportText(report.kind, body.elements),
      author: author.name,
      authorName: author.displayName,
      writtenAt: at,
    };
    return replace(current.reports, revised);
  });
}

/** The names of the leader shifts on post at `now`, as the roster holds them. */
async function leadersOnDuty(trx: Trx, now: Date): Promise<string[]> {
  return shiftsOnDutyAt(await listDutyShifts(trx, dutyDatesAround(now)), now)
    .filter((s) => s.role === 'leader')
    .map((s) => s.person);
}

async function leaderMayAct(trx: Trx, now: Date, leader: Person, author?: string) {
  const signer: Signer = { role: leader.role, name: leader.name, displayName: leader.displayName };
  const refusal = signRefusal(signer, await leadersOnDuty(trx, now), author);
  if (refusal) throw new ApiError('forbidden', refusal);
}

function waitingReport(incident: IncidentRecord, n: unknown): IncidentReport {
  const report = reportOf(incident, n);
  if (report.status !== 'pending')
    throw new ApiError('conflict', report.status === 'sent' ? `report ${report.n} has been signed off already` : `report ${report.n} was returned for changes`);
  return report;
}

/** 签发: the leader on duty signs a waiting report off; from this moment it counts as sent. */
export async function signIncidentReport(deps: DomainDeps, id: unknown, n: unknown, leader: Person): Promise<IncidentRecord> {
  return changeReports(deps, leader, id, 'incident.report.sign', async (current, at, trx, now) => {
    const report = waitingReport(current, n);
    await leaderMayAct(trx, now, leader, report.author);
    return replace(current.reports, { ...report, status: 'sent', signedBy: leader.displayName, signedAt: at });
  });
}

/** 退回修改: the leader on duty sends a waiting report back to its writer with what to change. */
export async function returnIncidentReport(deps: DomainDeps, id: unknown, n: unknown, input: unknown, leader: Person): Promise<IncidentRecord> {
  const body = parseInput(incidentReportReturnSchema, input, 'report return');
  return changeReports(deps, leader, id, 'incident.report.return', async (current, at, trx, now) => {
    await leaderMayAct(trx, now, leader);
    const report = waitingReport(current, n);
    return replace(current.reports, { ...report, status: 'returned', returned: { by: leader.displayName, at, remark: body.remark } });
  });
}

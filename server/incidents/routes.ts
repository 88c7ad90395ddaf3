import { type Request, Router } from 'express';
import { can } from '../../shared/auth.ts';
import { incidentSummary, reportingState, reportNumberSchema } from '../../shared/incidents.ts';
import { actorOf } from '../auth/http.ts';
import { type DomainDeps, finishedSince } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { reportDocx } from './report-docx.ts';
import { findIncident, listIncidents } from './repository.ts';
import { openIncident, type Person, returnIncidentReport, reviseIncidentReport, signIncidentReport, submitIncidentReport } from './service.ts';

/** The signed-in person with the name the roster and the documents know them by. */
function personOf(req: Request): Person {
  return { ...actorOf(req), displayName: req.session!.principal.displayName };
}

/** `/api/incidents`: every incident answers with where its reporting stands (next report due, overdue). */
export function incidentRoutes(deps: DomainDeps): Router {
  const router = Router();
  const withState = <T extends Parameters<typeof reportingState>[0]>(incident: T) => ({
    ...incident,
    reporting: reportingState(incident, deps.store.clock(), deps.rules.reporting),
  });

  router.get('/', async (_req, res) => {
    const since = finishedSince(deps);
    res.json({ items: (await listIncidents(deps.store.db, since)).map(withState) });
  });
  router.get('/:id', async (req, res) => {
    const incident = await findIncident(deps.store.db, req.params.id);
    if (!incident) throw notFound('incident', req.params.id);
    // the caller's name and number go to those who work the incident, never to an observer or a wall display
    res.json(withState(can(req.session!.principal.role, 'operate') ? incident : incidentSummary(incident)));
  });
  router.post('/', async (req, res) => {
    res.status(201).json(withState(await openIncident(deps, req.body, actorOf(req))));
  });
  router.post('/:id/reports', async (req, res) => {
    res.status(201).json(withState(await submitIncidentReport(deps, req.params.id, req.body, personOf(req))));
  });
  router.patch('/:id/reports/:n', async (req, res) => {
    res.json(withState(await reviseIncidentReport(deps, req.params.id, req.params.n, req.body, personOf(req))));
  });
  router.post('/:id/reports/:n/sign', async (req, res) => {
    res.json(withState(await signIncidentReport(deps, req.params.id, req.params.n, personOf(req))));
  });
  router.post('/:id/reports/:n/return', async (req, res) => {
    res.json(withState(await returnIncidentReport(deps, req.params.id, req.params.n, req.body, personOf(req))));
  });
  // 突发事件信息报告 as a Word document: only a report signed off, which is what was sent
  router.get('/:id/reports/:file', async (req, res) => {
    const match = /^(\d{1,4})\.docx$/.exec(req.params.file);
    if (!match) throw notFound('report document', req.params.file);
    const n = parseInput(reportNumberSchema, match[1], 'report number');
    const incident = await findIncident(deps.store.db, req.params.id);
    const report = incident?.reports.find((r) => r.n === n);
    if (!incident || !report) throw notFound('report', `${req.params.id}/${n}`);
    if (report.status !== 'sent') throw new ApiError('conflict', `report ${n} has not been signed off; only a sent report is exported`);
    const file = await reportDocx(incident, report);
    // letters and digits of any script kept, the rest made safe for the header's RFC 5987 form
    const name = `${incident.title.replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 80)}-${report.n}.docx`;
    res
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .set('content-disposition', `attachment; filename="report-${report.n}.docx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(file);
  });
  return router;
}

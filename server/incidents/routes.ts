import { Router } from 'express';
import { reportingState } from '../../shared/incidents.ts';
import { actorOf } from '../auth/http.ts';
import { type DomainDeps, finishedSince } from '../deps.ts';
import { notFound } from '../errors.ts';
import { findIncident, listIncidents } from './repository.ts';
import { fileIncidentReport, openIncident } from './service.ts';

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
    res.json(withState(incident));
  });
  router.post('/', async (req, res) => {
    res.status(201).json(withState(await openIncident(deps, req.body, actorOf(req))));
  });
  router.post('/:id/reports', async (req, res) => {
    res.status(201).json(withState(await fileIncidentReport(deps, req.params.id, req.body, actorOf(req))));
  });
  return router;
}

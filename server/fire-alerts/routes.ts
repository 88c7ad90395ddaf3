import { Router } from 'express';
import { fireAlertQuerySchema } from '../../shared/fire-alerts.ts';
import type { DomainDeps } from '../deps.ts';
import { notFound, parseInput } from '../errors.ts';
import { actorOf } from '../auth/http.ts';
import { fireAlertToCap } from '../warnings/cap.ts';
import { findFireAlert, listFireAlerts } from './repository.ts';
import { reportFireAlert, transitionFireAlert } from './service.ts';

export function fireAlertRoutes(deps: DomainDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const { status, district, limit } = parseInput(fireAlertQuerySchema, req.query, 'fire alert query');
    const items = await listFireAlerts(deps.store.db, { status, district: district ? [district] : undefined, limit });
    res.json({ items });
  });

  router.get('/:id', async (req, res) => {
    const alert = await findFireAlert(deps.store.db, req.params.id);
    if (!alert) throw notFound('fire alert', req.params.id);
    res.json(alert);
  });

  /** The alert as CAP 1.2, for the provincial platform and anyone else who reads CAP. */
  router.get('/:id/cap', async (req, res) => {
    const alert = await findFireAlert(deps.store.db, req.params.id);
    if (!alert) throw notFound('fire alert', req.params.id);
    res.type('application/cap+xml; charset=utf-8').send(fireAlertToCap(alert));
  });

  /** 201 with a new alert; 200 with the alert a satellite hotspot joined (its `detections` grew). */
  router.post('/', async (req, res) => {
    const { alert, merged } = await reportFireAlert(deps, req.body, actorOf(req));
    res.status(merged ? 200 : 201).json(alert);
  });

  router.patch('/:id', async (req, res) => {
    res.json(await transitionFireAlert(deps, req.params.id, req.body, actorOf(req)));
  });

  return router;
}

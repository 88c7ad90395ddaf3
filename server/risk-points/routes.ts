import { Router } from 'express';
import { toPointFeature } from '../../shared/geo.ts';
import { riskPointQuerySchema } from '../../shared/risk-points.ts';
import type { DomainDeps } from '../deps.ts';
import { notFound, parseInput } from '../errors.ts';
import { actorOf } from '../auth/http.ts';
import { findRiskPoint, listRiskPoints } from './repository.ts';
import { createRiskPoint, updateRiskPoint } from './service.ts';

export function riskPointRoutes(deps: DomainDeps): Router {
  const router = Router();

  /** A GeoJSON FeatureCollection, so GIS tools can read it as it is. */
  router.get('/', async (req, res) => {
    const query = parseInput(riskPointQuerySchema, req.query, 'risk point query');
    const points = await listRiskPoints(deps.store.db, query);
    res.json({ type: 'FeatureCollection', features: points.map(toPointFeature) });
  });

  router.get('/:id', async (req, res) => {
    const point = await findRiskPoint(deps.store.db, req.params.id);
    if (!point) throw notFound('risk point', req.params.id);
    res.json(point);
  });

  router.post('/', async (req, res) => {
    res.status(201).json(await createRiskPoint(deps, req.body, actorOf(req)));
  });

  router.patch('/:id', async (req, res) => {
    res.json(await updateRiskPoint(deps, req.params.id, req.body, actorOf(req)));
  });

  return router;
}

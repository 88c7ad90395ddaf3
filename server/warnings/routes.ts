import express from 'express';
import { type DomainDeps, finishedSince } from '../deps.ts';
import { notFound } from '../errors.ts';
import { warningToCap } from './cap.ts';
import { findWarning, listWarnings } from './repository.ts';

/** `GET /api/warnings` (in force, and recently ended), one by id, and one as CAP 1.2 XML. */
export function warningRoutes(deps: DomainDeps): express.Router {
  const router = express.Router();
  router.get('/', async (_req, res) => {
    res.json({ items: await listWarnings(deps.store.db, finishedSince(deps)) });
  });
  router.get('/:id', async (req, res) => {
    const warning = await findWarning(deps.store.db, req.params.id);
    if (!warning) throw notFound('warning', req.params.id);
    res.json(warning);
  });
  router.get('/:id/cap', async (req, res) => {
    const warning = await findWarning(deps.store.db, req.params.id);
    if (!warning) throw notFound('warning', req.params.id);
    res.type('application/cap+xml; charset=utf-8').send(warningToCap(warning));
  });
  return router;
}

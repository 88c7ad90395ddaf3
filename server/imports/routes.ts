import express from 'express';
import { actorOf } from '../auth/http.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { importFirms } from './firms.ts';

/** A FIRMS download for a province-sized box over a few days stays well under this. */
const MAX_CSV = '20mb';

/** `/api/import/*`: files as their own media types (not JSON), for those who may operate. */
export function importRoutes(deps: DomainDeps): express.Router {
  const router = express.Router();
  router.post('/firms', express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: MAX_CSV }), async (req, res) => {
    if (typeof req.body !== 'string') throw new ApiError('unsupported_media_type', 'send the FIRMS file as text/csv', { contentType: req.headers['content-type'] ?? null });
    res.json(await importFirms(deps, req.body, actorOf(req)));
  });
  return router;
}

import express from 'express';
import { actorOf } from '../auth/http.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { importCap } from '../warnings/service.ts';
import { importFirms } from './firms.ts';

/** A FIRMS download for a province-sized box over a few days stays well under this. */
const MAX_CSV = '20mb';
/** A CAP alert is a few kilobytes; far larger is an attack (entity expansion, oversized documents). */
const MAX_XML = '256kb';

/** `/api/import/*`: files as their own media types (not JSON), for those who may operate. */
export function importRoutes(deps: DomainDeps): express.Router {
  const router = express.Router();
  router.post('/firms', express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: MAX_CSV }), async (req, res) => {
    if (typeof req.body !== 'string') throw new ApiError('unsupported_media_type', 'send the FIRMS file as text/csv', { contentType: req.headers['content-type'] ?? null });
    res.json(await importFirms(deps, req.body, actorOf(req)));
  });
  /** 200 with the warning, new or already held (the same message imported again). */
  router.post('/cap', express.text({ type: ['application/xml', 'text/xml', 'application/cap+xml'], limit: MAX_XML }), async (req, res) => {
    if (typeof req.body !== 'string') throw new ApiError('unsupported_media_type', 'send the CAP document as application/xml', { contentType: req.headers['content-type'] ?? null });
    res.json((await importCap(deps, req.body, actorOf(req))).warning);
  });
  return router;
}

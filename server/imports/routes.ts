import express from 'express';
import { actorOf } from '../auth/http.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { importCap } from '../warnings/service.ts';
import { ledgerImportQuerySchema, ledgerKindSchema } from '../../shared/ledger-import.ts';
import { parseInput } from '../errors.ts';
import { importFirms } from '../fire-alerts/firms-import.ts';
import type { FirmsPoller } from '../fire-alerts/firms-poller.ts';
import { importLedger } from './ledger.ts';
import { openLedgerFile } from './ledger-file.ts';

/** A FIRMS download for a province-sized box over a few days stays well under this. */
const MAX_CSV = '20mb';
/** A CAP alert is a few kilobytes; far larger is an attack (entity expansion, oversized documents). */
const MAX_XML = '256kb';
/** A ledger of 100,000 rows is some 15 MB of CSV; it is read as it arrives, never held whole. */
const MAX_LEDGER_BYTES = 200 * 1_048_576;

/** `/api/import/*`: files as their own media types (not JSON), for those who may operate. */
export function importRoutes(deps: DomainDeps, poller: FirmsPoller): express.Router {
  const router = express.Router();
  /** The live FIRMS poller: on or off, its last poll and report, its failures and next try. */
  router.get('/firms/poller', (_req, res) => {
    res.json(poller.status());
  });
  router.post('/firms', express.text({ type: ['text/csv', 'text/plain', 'application/csv'], limit: MAX_CSV }), async (req, res) => {
    if (typeof req.body !== 'string')
      throw new ApiError('unsupported_media_type', 'send the FIRMS file as text/csv', { contentType: req.headers['content-type'] ?? null });
    res.json(await importFirms(deps, req.body, actorOf(req)));
  });
  /** 200 with the warning, new or already held (the same message imported again). */
  router.post('/cap', express.text({ type: ['application/xml', 'text/xml', 'application/cap+xml'], limit: MAX_XML }), async (req, res) => {
    if (typeof req.body !== 'string')
      throw new ApiError('unsupported_media_type', 'send the CAP document as application/xml', { contentType: req.headers['content-type'] ?? null });
    res.json((await importCap(deps, req.body, actorOf(req))).warning);
  });
  /** A ledger (台账) of risk points or hazards, CSV or .xlsx, streamed; `dryRun=true` is the preview. */
  router.post('/ledger/:kind', async (req, res) => {
    // answered before the whole file arrived (a preview that stopped at the header, a refusal): rather than
    // read up to 200 MB nobody needs before the connection can serve again, the rest is dropped with it
    const closeIfUnread = () => !req.complete && !res.headersSent && res.set('connection', 'close');
    try {
      const kind = parseInput(ledgerKindSchema, req.params.kind, 'ledger kind');
      const options = parseInput(ledgerImportQuerySchema, req.query, 'ledger import');
      const file = await openLedgerFile(req, req.headers['content-type'], MAX_LEDGER_BYTES);
      const report = await importLedger(deps, kind, file, options, actorOf(req));
      closeIfUnread();
      res.json(report);
    } finally {
      closeIfUnread();
      if (!req.complete) req.unpipe().resume();
    }
  });
  return router;
}

import express from 'express';
import Papa from 'papaparse';
import type { AuditEntry } from '../../shared/audit.ts';
import { z } from 'zod';
import type { DomainDeps } from '../deps.ts';
import { parseInput } from '../errors.ts';
import { spreadsheetSafe } from '../http/spreadsheet.ts';

const auditQuerySchema = z.object({
  /** Entries before this seq (paging backwards from the newest). */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
  format: z.enum(['json', 'csv']).default('json'),
});

/**
 * `GET /api/audit`: the audit log, newest first, as JSON or CSV. There is no route that changes it: entries
 * are only ever added, by the writes themselves.
 */
export function auditRoutes(deps: DomainDeps): express.Router {
  const router = express.Router();
  router.get('/', async (req, res) => {
    const query = parseInput(auditQuerySchema, req.query, 'audit query');
    let q = deps.store.db.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(query.limit);
    if (query.before) q = q.where('seq', '<', query.before);
    const rows = (await q.execute()).map((row) => ({ ...row, seq: Number(row.seq) }));
    if (query.format === 'csv') {
      const csv = Papa.unparse(rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, spreadsheetSafe(v)]))));
      res.type('text/csv; charset=utf-8').attachment('audit-log.csv').send(`\uFEFF${csv}`); // BOM: Excel reads UTF-8
      return;
    }
    const items: AuditEntry[] = rows.map((row) => ({ ...row, before: row.before && JSON.parse(row.before), after: row.after && JSON.parse(row.after) }));
    res.json({ items });
  });
  return router;
}

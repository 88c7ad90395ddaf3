import ExcelJS from 'exceljs';
import { Router } from 'express';
import Papa from 'papaparse';
import { type Hazard, hazardQuerySchema, isHazardOverdue } from '../../shared/hazards.ts';
import { actorOf } from '../auth/http.ts';
import type { DomainDeps } from '../deps.ts';
import { notFound, parseInput } from '../errors.ts';
import { limitPerAddress } from '../http/middleware.ts';
import { spreadsheetSafe } from '../http/spreadsheet.ts';
import { findHazard, listHazards } from './repository.ts';
import { moveHazard, receiveTipOff, reportHazard } from './service.ts';

/** The ledger's columns, in the bureau's words, for CSV and Excel alike. */
const LEDGER_COLUMNS: [header: string, value: (h: Hazard, overdue: boolean) => string | number][] = [
  ['编号', (h) => h.id],
  ['区县代码', (h) => h.district],
  ['风险点', (h) => h.riskPointId ?? ''],
  ['隐患名称', (h) => h.title],
  ['隐患描述', (h) => h.description],
  ['等级', (h) => (h.grade === 'major' ? '重大' : '一般')],
  ['来源', (h) => h.source],
  ['发现时间', (h) => h.foundAt],
  ['状态', (h) => h.status],
  ['责任人', (h) => h.notice?.responsiblePerson ?? ''],
  ['整改措施', (h) => h.notice?.measures ?? ''],
  ['整改期限', (h) => h.notice?.deadline ?? ''],
  ['是否逾期', (_h, overdue) => (overdue ? '是' : '否')],
  ['更新时间', (h) => h.updatedAt],
];

/** `/api/hazards`: the ledger (台账) with filters, as JSON, CSV or Excel; filing and each step of the closed loop. */
export function hazardRoutes(deps: DomainDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parseInput(hazardQuerySchema, req.query, 'hazard query');
    const now = deps.store.clock();
    const rows = (await listHazards(deps.store.db, query))
      .map((hazard) => ({ hazard, overdue: isHazardOverdue(hazard, now) }))
      .filter(({ overdue }) => query.overdue === undefined || overdue === (query.overdue === 'true'));
    if (query.format === 'json') return void res.json({ items: rows.map(({ hazard, overdue }) => ({ ...hazard, overdue })) });
    const table = rows.map(({ hazard, overdue }) => LEDGER_COLUMNS.map(([, value]) => spreadsheetSafe(value(hazard, overdue))));
    const headers = LEDGER_COLUMNS.map(([header]) => header);
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment('hazard-ledger.csv').send(`\uFEFF${Papa.unparse({ fields: headers, data: table })}`);
      return;
    }
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('隐患台账');
    sheet.addRow(headers).font = { bold: true };
    for (const row of table) sheet.addRow(row);
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment('hazard-ledger.xlsx');
    await book.xlsx.write(res);
    res.end();
  });

  router.get('/:id', async (req, res) => {
    const hazard = await findHazard(deps.store.db, req.params.id);
    if (!hazard) throw notFound('hazard', req.params.id);
    res.json({ ...hazard, overdue: isHazardOverdue(hazard, deps.store.clock()) });
  });
  router.post('/', async (req, res) => {
    res.status(201).json(await reportHazard(deps, req.body, actorOf(req)));
  });
  router.patch('/:id', async (req, res) => {
    res.json(await moveHazard(deps, req.params.id, req.body, actorOf(req)));
  });
  return router;
}

/** Tip-offs per address per hour: a citizen with something to report, not a flood. */
const TIP_OFFS_PER_HOUR = 5;

/** `POST /api/tip-offs`: the public form, open to anyone, the one write that needs no account. */
export function tipOffRoutes(deps: DomainDeps): Router {
  const router = Router();
  const limit = limitPerAddress({
    windowMs: 3600_000,
    limit: TIP_OFFS_PER_HOUR,
    message: 'too many tip-offs from this address; try again later',
    details: { perHour: TIP_OFFS_PER_HOUR },
  });
  router.post('/', limit, async (req, res) => {
    res.status(201).json(await receiveTipOff(deps, req.body));
  });
  return router;
}

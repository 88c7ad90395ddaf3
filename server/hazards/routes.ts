import { districtByCode } from '../../shared/districts.ts';
import express, { Router } from 'express';
import { type Hazard, hazardQuerySchema, isHazardOverdue } from '../../shared/hazards.ts';
import { actorOf, requirePermission } from '../auth/http.ts';
import type { DomainDeps } from '../deps.ts';
import { ApiError, notFound, parseInput } from '../errors.ts';
import { limitPerAddress, requireJsonBody } from '../http/middleware.ts';
import { fetchSiteAllowed } from '../http/origin.ts';
import { type LedgerColumns, sendLedger } from '../http/spreadsheet.ts';
import { findHazard, findTipOffPhoto, listHazards } from './repository.ts';
import { moveHazard, readTipOffContact, receiveTipOff, replyToTipOff, reportHazard, tipOffStatus } from './service.ts';

/** The ledger's columns, in the bureau's words, for CSV and Excel alike. */
const LEDGER_COLUMNS: LedgerColumns<{ hazard: Hazard; overdue: boolean }> = [
  ['编号', ({ hazard: h }) => h.externalId ?? h.id],
  ['区县代码', ({ hazard: h }) => h.district],
  ['区县', ({ hazard: h }) => districtByCode(h.district)?.name ?? ''],
  ['风险点', ({ hazard: h }) => h.riskPointId ?? ''],
  ['隐患名称', ({ hazard: h }) => h.title],
  ['隐患描述', ({ hazard: h }) => h.description],
  ['等级', ({ hazard: h }) => (h.grade === 'major' ? '重大' : '一般')],
  ['来源', ({ hazard: h }) => h.source],
  ['发现时间', ({ hazard: h }) => h.foundAt],
  ['状态', ({ hazard: h }) => h.status],
  ['责任人', ({ hazard: h }) => h.notice?.responsiblePerson ?? ''],
  ['整改措施', ({ hazard: h }) => h.notice?.measures ?? ''],
  ['整改期限', ({ hazard: h }) => h.notice?.deadline ?? ''],
  ['是否逾期', ({ overdue }) => (overdue ? '是' : '否')],
  ['更新时间', ({ hazard: h }) => h.updatedAt],
];

/** `/api/hazards`: the ledger (台账) with filters, as JSON, CSV or Excel; filing and each step of the closed loop. */
export function hazardRoutes(deps: DomainDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parseInput(hazardQuerySchema, req.query, 'hazard query');
    const now = deps.store.clock();
    const open = query.open === undefined ? undefined : query.open === 'true';
    const rows = (await listHazards(deps.store.db, { ...query, open }))
      .map((hazard) => ({ hazard, overdue: isHazardOverdue(hazard, now) }))
      .filter(({ overdue }) => query.overdue === undefined || overdue === (query.overdue === 'true'));
    if (query.format === 'json') return void res.json({ items: rows.map(({ hazard, overdue }) => ({ ...hazard, overdue })) });
    await sendLedger(res, { file: 'hazard-ledger', sheet: '隐患台账', format: query.format, columns: LEDGER_COLUMNS, records: rows });
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
/** Follow-up reads per address per hour: a citizen checking their case, not someone walking the numbers. */
const STATUS_READS_PER_HOUR = 120;
/**
 * A tip-off's body: a 5 MB photo is some 6.7 MB of base64. The limit leaves room above that so a photo
 * somewhat too large is refused by the service, which says by how much, rather than by the parser.
 */
const TIP_OFF_BODY_LIMIT = '10mb';

/**
 * `/api/tip-offs`, the public part — the one write that needs no account (POST, rate-limited per address)
 * and the follow-up read by reference number. Mounted before the JSON API and its 1 MB body limit, since a
 * tip-off carries its photo.
 */
export function tipOffRoutes(deps: DomainDeps): Router {
  const router = Router();
  const limit = limitPerAddress({
    windowMs: 3600_000,
    limit: TIP_OFFS_PER_HOUR,
    message: 'too many tip-offs from this address; try again later',
    details: { perHour: TIP_OFFS_PER_HOUR },
  });
  const statusLimit = limitPerAddress({
    windowMs: 3600_000,
    limit: STATUS_READS_PER_HOUR,
    message: 'too many look-ups from this address; try again later',
    details: { perHour: STATUS_READS_PER_HOUR },
  });
  router.post('/', limit, requireJsonBody, express.json({ limit: TIP_OFF_BODY_LIMIT, strict: true }), async (req, res) => {
    res.status(201).json(await receiveTipOff(deps, req.body));
  });
  router.get('/status', statusLimit, async (req, res) => {
    res.json(await tipOffStatus(deps, req.query.ref));
  });
  return router;
}

/**
 * `/api/tip-offs/:id/…`, the reviewers' part, behind the session: the reporter's contact (each read audited)
 * and the photo, for those who review tip-offs (operating roles) and no one else — not an observer, not a
 * wall display; and the reply to the reporter.
 */
export function tipOffReviewRoutes(deps: DomainDeps): Router {
  const router = Router();
  router.use(requirePermission('operate'));
  router.get('/:id/contact', async (req, res) => {
    // a read that writes (its audit entry) is refused from a sibling page, as a write is: an <img> there
    // would carry the reviewer's cookie and put reads they never made in their name
    if (!fetchSiteAllowed(req.headers)) throw new ApiError('forbidden', 'the contact is read from this site only');
    res.set('cache-control', 'no-store').json(await readTipOffContact(deps, req.params.id, actorOf(req)));
  });
  router.get('/:id/photo', async (req, res) => {
    const photo = await findTipOffPhoto(deps.store.db, req.params.id);
    if (!photo) throw notFound('tip-off photo', req.params.id);
    res.set('cache-control', 'private, no-store').type(photo.photoType).send(Buffer.from(photo.photo, 'base64'));
  });
  router.post('/:id/reply', async (req, res) => {
    res.json(await replyToTipOff(deps, req.params.id, req.body, actorOf(req)));
  });
  return router;
}

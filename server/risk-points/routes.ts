import { districtByCode } from '../../shared/districts.ts';
import { type Request, Router } from 'express';
import { readsContacts } from '../../shared/auth.ts';
import { z } from 'zod';
import { toPointFeature } from '../../shared/geo.ts';
import { clusterTileParamsSchema, clusterTileQuerySchema } from '../../shared/risk-point-clusters.ts';
import { RISK_CATEGORY_ZH, RISK_LEVEL_ZH, type RiskPoint, riskPointQuerySchema, withoutContacts } from '../../shared/risk-points.ts';
import type { DomainDeps } from '../deps.ts';
import { notFound, parseInput } from '../errors.ts';
import { actorOf } from '../auth/http.ts';
import { type LedgerColumns, sendLedger } from '../http/spreadsheet.ts';
import { findRiskPoint, listRiskPoints } from './repository.ts';
import { createRiskPoint, updateRiskPoint } from './service.ts';
import { onlinePointIds, readProgress } from './assessment-repository.ts';
import { assessRiskPoint, stepRiskPoint } from './assessment-service.ts';

/** The ledger's columns, headed as the ledger importer reads them: an exported ledger imports again unchanged. */
const LEDGER_COLUMNS: LedgerColumns<RiskPoint> = [
  ['编号', (p) => p.externalId ?? p.id],
  ['名称', (p) => p.name],
  ['类别', (p) => RISK_CATEGORY_ZH[p.category]],
  ['风险等级', (p) => RISK_LEVEL_ZH[p.level]],
  ['经度', (p) => p.lon],
  ['纬度', (p) => p.lat],
  ['区县代码', (p) => p.district],
  ['区县', (p) => districtByCode(p.district)?.name ?? ''],
  ['地址', (p) => p.address],
  ['责任单位', (p) => p.responsibleUnit],
  ['责任人', (p) => p.responsiblePerson],
  ['联系电话', (p) => p.responsiblePhone],
  ['隐患数', (p) => p.openHazards],
  ['逾期隐患数', (p) => p.overdueHazards],
  ['更新时间', (p) => p.updatedAt],
];

const riskPointListSchema = riskPointQuerySchema.extend({
  format: z.enum(['geojson', 'csv', 'xlsx']).default('geojson'),
  /** `stage=online`: only the points put online (上网), the layer the bureau publishes. */
  stage: z.literal('online').optional(),
});

/** The points as this reader may see them: the responsible people's names and phones only for those who read contacts. */
export function shownTo(req: Request, points: RiskPoint[]): RiskPoint[] {
  return readsContacts(actorOf(req).role) ? points : points.map(withoutContacts);
}

export function riskPointRoutes(deps: DomainDeps): Router {
  const router = Router();

  /** A GeoJSON FeatureCollection, so GIS tools can read it as it is; or the ledger (台账) as CSV or Excel. */
  router.get('/', async (req, res) => {
    const query = parseInput(riskPointListSchema, req.query, 'risk point query');
    let points = shownTo(req, await listRiskPoints(deps.store.db, query));
    if (query.stage === 'online') {
      const online = await onlinePointIds(deps.store.db);
      points = points.filter((p) => online.has(p.id));
    }
    if (query.format === 'geojson') return void res.json({ type: 'FeatureCollection', features: points.map(toPointFeature) });
    await sendLedger(res, { file: 'risk-point-ledger', sheet: '风险点台账', format: query.format, columns: LEDGER_COLUMNS, records: points });
  });

  /** The clustered points for the map, as vector tiles; never cached, since the clusters change live. */
  router.get('/tiles/:z/:x/:y', (req, res) => {
    const { z, x, y } = parseInput(clusterTileParamsSchema, req.params, 'tile address');
    const { district } = parseInput(clusterTileQuerySchema, req.query, 'tile query');
    const bytes = deps.clusterTiles.tile(z, x, y, district);
    res.set('cache-control', 'no-store');
    if (!bytes) return void res.status(204).end();
    res.type('application/vnd.mapbox-vector-tile').send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  router.get('/:id', async (req, res) => {
    const point = await findRiskPoint(deps.store.db, req.params.id);
    if (!point) throw notFound('risk point', req.params.id);
    res.json(shownTo(req, [point])[0]);
  });

  /** Where the point stands (摸底 → 评估 → 建档 → 上网), its steps and its assessments. */
  router.get('/:id/progress', async (req, res) => {
    const point = await findRiskPoint(deps.store.db, req.params.id);
    if (!point) throw notFound('risk point', req.params.id);
    res.json(await readProgress(deps.store.db, point.id));
  });

  router.post('/:id/assessments', async (req, res) => {
    res.status(201).json(await assessRiskPoint(deps, req.params.id, req.body, actorOf(req)));
  });

  router.post('/:id/steps', async (req, res) => {
    res.status(201).json(await stepRiskPoint(deps, req.params.id, req.body, actorOf(req)));
  });

  router.post('/', async (req, res) => {
    res.status(201).json(await createRiskPoint(deps, req.body, actorOf(req)));
  });

  router.patch('/:id', async (req, res) => {
    res.json(await updateRiskPoint(deps, req.params.id, req.body, actorOf(req)));
  });

  return router;
}

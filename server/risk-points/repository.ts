import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { Bbox } from '../../shared/geo.ts';
import { type RiskPoint, type RiskPointSummary, riskPointSummarySchema } from '../../shared/risk-points.ts';
import type { Database, RiskPointsTable } from '../db/schema.ts';
import { INSERT_CHUNK_ROWS } from '../db/store.ts';

export function riskPointFromRow(row: Selectable<RiskPointsTable>): RiskPoint {
  return { ...row, demo: row.demo === 1 } as RiskPoint;
}

function riskPointToRow(point: RiskPoint): RiskPointsTable {
  return { ...point, demo: point.demo ? 1 : 0 };
}

export async function findRiskPoint(db: Kysely<Database>, id: string): Promise<RiskPoint | undefined> {
  const row = await db.selectFrom('riskPoints').selectAll().where('id', '=', id).executeTakeFirst();
  return row && riskPointFromRow(row);
}

export interface RiskPointFilter {
  level?: readonly string[];
  category?: readonly string[];
  district?: readonly string[];
  bbox?: Bbox;
}

const SUMMARY_COLUMNS = riskPointSummarySchema.keyof().options;

export async function listRiskPoints(db: Kysely<Database>, query: RiskPointFilter = {}): Promise<RiskPoint[]> {
  const rows = await filtered(db.selectFrom('riskPoints').selectAll(), query).orderBy('id').execute();
  return rows.map(riskPointFromRow);
}

/** What screens hold of each point (see riskPointSummarySchema): the snapshot of 100,000 reads only these columns. */
export async function listRiskPointSummaries(db: Kysely<Database>, query: RiskPointFilter = {}): Promise<RiskPointSummary[]> {
  const rows = await filtered(db.selectFrom('riskPoints').select(SUMMARY_COLUMNS), query).orderBy('id').execute();
  return rows.map((row) => ({ ...row, demo: row.demo === 1 }) as RiskPointSummary);
}

function filtered<Q extends SelectQueryBuilder<Database, 'riskPoints', object>>(q: Q, query: RiskPointFilter): Q {
  if (query.level) q = q.where('level', 'in', query.level) as Q;
  if (query.category) q = q.where('category', 'in', query.category) as Q;
  if (query.district) q = q.where('district', 'in', query.district) as Q;
  if (query.bbox) {
    const b = query.bbox;
    q = q.where('lon', '>=', b.minLon).where('lon', '<=', b.maxLon).where('lat', '>=', b.minLat).where('lat', '<=', b.maxLat) as Q;
  }
  return q;
}

export async function saveRiskPoint(db: Kysely<Database>, point: RiskPoint): Promise<void> {
  const row = riskPointToRow(point);
  await db
    .insertInto('riskPoints')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

/** Many new points at once (seeding, imports): chunked multi-row inserts. */
export async function insertRiskPoints(db: Kysely<Database>, points: readonly RiskPoint[]): Promise<void> {
  for (let i = 0; i < points.length; i += INSERT_CHUNK_ROWS)
    await db.insertInto('riskPoints').values(points.slice(i, i + INSERT_CHUNK_ROWS).map(riskPointToRow)).execute();
}

export async function countRiskPoints(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('riskPoints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

import type { Kysely, Selectable } from 'kysely';
import type { Bbox } from '../../shared/geo.ts';
import type { RiskPoint } from '../../shared/risk-points.ts';
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

export async function listRiskPoints(db: Kysely<Database>, query: RiskPointFilter = {}): Promise<RiskPoint[]> {
  let q = db.selectFrom('riskPoints').selectAll();
  if (query.level) q = q.where('level', 'in', query.level);
  if (query.category) q = q.where('category', 'in', query.category);
  if (query.district) q = q.where('district', 'in', query.district);
  if (query.bbox) {
    const b = query.bbox;
    q = q.where('lon', '>=', b.minLon).where('lon', '<=', b.maxLon).where('lat', '>=', b.minLat).where('lat', '<=', b.maxLat);
  }
  const rows = await q.orderBy('id').execute();
  return rows.map(riskPointFromRow);
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

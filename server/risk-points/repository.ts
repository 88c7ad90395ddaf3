import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { Bbox } from '../../shared/geo.ts';
import { type RiskPoint, type RiskPointSummary, riskPointSummarySchema } from '../../shared/risk-points.ts';
import type { Database, RiskPointsTable } from '../db/schema.ts';
import { INSERT_CHUNK_ROWS } from '../db/store.ts';

export function riskPointFromRow(row: Selectable<RiskPointsTable>): RiskPoint {
  return { ...row, demo: row.demo === 1 };
}

function riskPointToRow(point: RiskPoint): RiskPointsTable {
  return { ...point, demo: point.demo ? 1 : 0 };
}

export async function findRiskPoint(db: Kysely<Database>, id: string): Promise<RiskPoint | undefined> {
  const row = await db.selectFrom('riskPoints').selectAll().where('id', '=', id).executeTakeFirst();
  return row && riskPointFromRow(row);
}

export interface RiskPointFilter {
  level?: readonly RiskPoint['level'][];
  category?: readonly RiskPoint['category'][];
  district?: readonly RiskPoint['district'][];
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
  return rows.map((row) => ({ ...row, demo: row.demo === 1 }));
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

/** The points a ledger names by number: its own (external id) or one of ours, as our exports write. */
export async function findRiskPointsByLedgerNumber(db: Kysely<Database>, numbers: readonly string[]): Promise<RiskPoint[]> {
  if (numbers.length === 0) return [];
  const found: RiskPoint[] = [];
  for (let i = 0; i < numbers.length; i += INSERT_CHUNK_ROWS) {
    const chunk = numbers.slice(i, i + INSERT_CHUNK_ROWS);
    const rows = await db
      .selectFrom('riskPoints')
      .selectAll()
      .where((eb) => eb.or([eb('externalId', 'in', chunk), eb('id', 'in', chunk)]))
      .execute();
    found.push(...rows.map(riskPointFromRow));
  }
  return found;
}

/** New and changed points at once (ledger imports): chunked multi-row upserts. */
export async function upsertRiskPoints(db: Kysely<Database>, points: readonly RiskPoint[]): Promise<void> {
  for (let i = 0; i < points.length; i += INSERT_CHUNK_ROWS)
    await db
      .insertInto('riskPoints')
      .values(points.slice(i, i + INSERT_CHUNK_ROWS).map(riskPointToRow))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          category: eb.ref('excluded.category'),
          level: eb.ref('excluded.level'),
          lon: eb.ref('excluded.lon'),
          lat: eb.ref('excluded.lat'),
          district: eb.ref('excluded.district'),
          address: eb.ref('excluded.address'),
          responsibleUnit: eb.ref('excluded.responsibleUnit'),
          responsiblePerson: eb.ref('excluded.responsiblePerson'),
          responsiblePhone: eb.ref('excluded.responsiblePhone'),
          // the hazard counts are left as they stand: only the hazards' own writes recount them
          externalId: eb.ref('excluded.externalId'),
          updatedAt: eb.ref('excluded.updatedAt'),
        })),
      )
      .execute();
}

/** The points of these ids (those a write of hazards recounts), in chunks under the bound-parameter limit. */
export async function findRiskPoints(db: Kysely<Database>, ids: readonly string[]): Promise<RiskPoint[]> {
  const found: RiskPoint[] = [];
  for (let i = 0; i < ids.length; i += INSERT_CHUNK_ROWS) {
    const rows = await db
      .selectFrom('riskPoints')
      .selectAll()
      .where('id', 'in', ids.slice(i, i + INSERT_CHUNK_ROWS))
      .execute();
    found.push(...rows.map(riskPointFromRow));
  }
  return found;
}

/** A point's hazard counts, as its hazard records were just counted; nothing else of the point changes. */
export async function saveHazardCounts(db: Kysely<Database>, id: string, counts: { openHazards: number; overdueHazards: number }, updatedAt: string) {
  await db
    .updateTable('riskPoints')
    .set({ ...counts, updatedAt })
    .where('id', '=', id)
    .execute();
}

/** Many new points at once (seeding): chunked multi-row inserts. */
export async function insertRiskPoints(db: Kysely<Database>, points: readonly RiskPoint[]): Promise<void> {
  for (let i = 0; i < points.length; i += INSERT_CHUNK_ROWS)
    await db
      .insertInto('riskPoints')
      .values(points.slice(i, i + INSERT_CHUNK_ROWS).map(riskPointToRow))
      .execute();
}

export async function countRiskPoints(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('riskPoints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

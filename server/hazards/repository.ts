import type { Kysely, Selectable } from 'kysely';
import { HAZARD_STATUSES, type Hazard, isHazardOpen } from '../../shared/hazards.ts';
import type { Database, HazardsTable } from '../db/schema.ts';

const OPEN = HAZARD_STATUSES.filter(isHazardOpen);

function hazardFromRow({ deadline: _deadline, ...row }: Selectable<HazardsTable>): Hazard {
  return {
    ...row,
    notice: row.notice && JSON.parse(row.notice),
    fiveElements: row.fiveElements && JSON.parse(row.fiveElements),
    history: JSON.parse(row.history),
    demo: row.demo === 1,
  };
}

export async function findHazard(db: Kysely<Database>, id: string): Promise<Hazard | undefined> {
  const row = await db.selectFrom('hazards').selectAll().where('id', '=', id).executeTakeFirst();
  return row && hazardFromRow(row);
}

export interface HazardFilter {
  district?: Hazard['district'];
  status?: Hazard['status'];
  grade?: Hazard['grade'];
  riskPointId?: string;
  /** Open ones, or also those closed or dismissed since this instant. */
  openOrChangedSince?: string;
}

/** The ledger (台账), newest first. */
export async function listHazards(db: Kysely<Database>, filter: HazardFilter = {}): Promise<Hazard[]> {
  let q = db.selectFrom('hazards').selectAll();
  if (filter.district) q = q.where('district', '=', filter.district);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.grade) q = q.where('grade', '=', filter.grade);
  if (filter.riskPointId) q = q.where('riskPointId', '=', filter.riskPointId);
  const since = filter.openOrChangedSince;
  if (since) q = q.where((eb) => eb.or([eb('status', 'in', OPEN), eb('updatedAt', '>=', since)]));
  return (await q.orderBy('foundAt', 'desc').orderBy('id').execute()).map(hazardFromRow);
}

/** Open hazards past their deadline that are not yet marked overdue. */
export async function newlyOverdueHazards(db: Kysely<Database>, now: string): Promise<Hazard[]> {
  const rows = await db.selectFrom('hazards').selectAll().where('status', 'in', OPEN).where('deadline', '<', now).where('overdueSince', 'is', null).execute();
  return rows.map(hazardFromRow);
}

/** The hazards a ledger names by number: its own (external id) or one of ours, as our exports write. */
export async function findHazardsByLedgerNumber(db: Kysely<Database>, numbers: readonly string[]): Promise<Hazard[]> {
  if (numbers.length === 0) return [];
  const rows = await db
    .selectFrom('hazards')
    .selectAll()
    .where((eb) => eb.or([eb('externalId', 'in', numbers), eb('id', 'in', numbers)]))
    .execute();
  return rows.map(hazardFromRow);
}

export async function saveHazard(db: Kysely<Database>, hazard: Hazard): Promise<void> {
  const row = {
    ...hazard,
    notice: hazard.notice && JSON.stringify(hazard.notice),
    fiveElements: hazard.fiveElements && JSON.stringify(hazard.fiveElements),
    history: JSON.stringify(hazard.history),
    deadline: hazard.notice?.deadline ?? null,
    demo: hazard.demo ? 1 : 0,
  };
  await db
    .insertInto('hazards')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

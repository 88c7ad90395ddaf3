import type { Kysely, Selectable } from 'kysely';
import { HAZARD_STATUSES, type Hazard, isHazardOpen } from '../../shared/hazards.ts';
import type { Database, HazardsTable, TipOffsTable } from '../db/schema.ts';
import { INSERT_CHUNK_ROWS } from '../db/store.ts';

const OPEN = HAZARD_STATUSES.filter(isHazardOpen);

function hazardFromRow({ deadline: _deadline, lon, lat, ...row }: Selectable<HazardsTable>): Hazard {
  return {
    ...row,
    notice: row.notice && JSON.parse(row.notice),
    fiveElements: row.fiveElements && JSON.parse(row.fiveElements),
    history: JSON.parse(row.history),
    place: lon === null || lat === null ? null : { lon, lat },
    tipOff: row.tipOff && JSON.parse(row.tipOff),
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
  /** Only the open ones (true) or only the closed and dismissed ones (false). */
  open?: boolean;
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
  if (filter.open !== undefined) q = q.where('status', filter.open ? 'in' : 'not in', OPEN);
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

/** The open hazards on these risk points: what their counts are counted from. */
export async function openHazardsOn(db: Kysely<Database>, riskPointIds: readonly string[]): Promise<Hazard[]> {
  const found: Hazard[] = [];
  for (let i = 0; i < riskPointIds.length; i += INSERT_CHUNK_ROWS) {
    const rows = await db
      .selectFrom('hazards')
      .selectAll()
      .where('riskPointId', 'in', riskPointIds.slice(i, i + INSERT_CHUNK_ROWS))
      .where('status', 'in', OPEN)
      .execute();
    found.push(...rows.map(hazardFromRow));
  }
  return found;
}

function hazardToRow({ place, ...hazard }: Hazard): HazardsTable {
  return {
    ...hazard,
    lon: place?.lon ?? null,
    lat: place?.lat ?? null,
    tipOff: hazard.tipOff && JSON.stringify(hazard.tipOff),
    notice: hazard.notice && JSON.stringify(hazard.notice),
    fiveElements: hazard.fiveElements && JSON.stringify(hazard.fiveElements),
    history: JSON.stringify(hazard.history),
    // in UTC, as the overdue query compares it with now: a deadline given as +08:00 must not sort eight hours off
    deadline: hazard.notice ? new Date(hazard.notice.deadline).toISOString() : null,
    demo: hazard.demo ? 1 : 0,
  };
}

export async function saveHazard(db: Kysely<Database>, hazard: Hazard): Promise<void> {
  const row = hazardToRow(hazard);
  await db
    .insertInto('hazards')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

/** Many new hazards at once (the demo city's ledger): chunked multi-row inserts. */
export async function insertHazards(db: Kysely<Database>, hazards: readonly Hazard[]): Promise<void> {
  for (let i = 0; i < hazards.length; i += INSERT_CHUNK_ROWS)
    await db
      .insertInto('hazards')
      .values(hazards.slice(i, i + INSERT_CHUNK_ROWS).map(hazardToRow))
      .execute();
}

/** A tip-off's private part as stored: the reporter's contact and the photo, apart from the hazard. */
export type TipOffRow = TipOffsTable;

export async function insertTipOffs(db: Kysely<Database>, rows: readonly TipOffRow[]): Promise<void> {
  // the demo city's in chunks (they carry no photo); a citizen's alone
  for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS)
    await db
      .insertInto('tipOffs')
      .values(rows.slice(i, i + INSERT_CHUNK_ROWS))
      .execute();
}

/** The highest reference number given so far with this prefix (one day's, `JB-20261202-`), or null for none. */
export async function lastReferenceWith(db: Kysely<Database>, prefix: string): Promise<string | null> {
  const row = await db
    .selectFrom('tipOffs')
    .select((eb) => eb.fn.max('reference').as('reference'))
    .where('reference', 'like', `${prefix}%`)
    .executeTakeFirst();
  return row?.reference ?? null;
}

/** The hazard a reference number names, if any. */
export async function findHazardByReference(db: Kysely<Database>, reference: string): Promise<Hazard | undefined> {
  const row = await db.selectFrom('tipOffs').select('hazardId').where('reference', '=', reference).executeTakeFirst();
  return row ? findHazard(db, row.hazardId) : undefined;
}

/** The reporter's contact of a tip-off ('' when none was given); undefined when the hazard has no tip-off. */
export async function findTipOffContact(db: Kysely<Database>, hazardId: string): Promise<string | undefined> {
  const row = await db.selectFrom('tipOffs').select('contact').where('hazardId', '=', hazardId).executeTakeFirst();
  return row?.contact;
}

export async function findTipOffPhoto(db: Kysely<Database>, hazardId: string): Promise<{ photo: string; photoType: string } | undefined> {
  const row = await db.selectFrom('tipOffs').select(['photo', 'photoType']).where('hazardId', '=', hazardId).executeTakeFirst();
  return row?.photo && row.photoType ? { photo: row.photo, photoType: row.photoType } : undefined;
}

import type { Kysely, Selectable } from 'kysely';
import type { DutyHandover, DutyLogEntry, DutyShift } from '../../shared/duty.ts';
import type { Database, DutyHandoversTable, DutyLogTable, DutyShiftsTable } from '../db/schema.ts';

function dutyShiftFromRow(row: Selectable<DutyShiftsTable>): DutyShift {
  return { ...row, demo: row.demo === 1 };
}

export async function findDutyShift(db: Kysely<Database>, id: string): Promise<DutyShift | undefined> {
  const row = await db.selectFrom('dutyShifts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && dutyShiftFromRow(row);
}

/** The shifts of the given local days, in start order. */
export async function listDutyShifts(db: Kysely<Database>, dates: readonly string[]): Promise<DutyShift[]> {
  if (dates.length === 0) return [];
  const rows = await db.selectFrom('dutyShifts').selectAll().where('date', 'in', dates).orderBy('startsAt').orderBy('role').orderBy('id').execute();
  return rows.map(dutyShiftFromRow);
}

export async function saveDutyShift(db: Kysely<Database>, shift: DutyShift): Promise<void> {
  const row = { ...shift, demo: shift.demo ? 1 : 0 };
  await db
    .insertInto('dutyShifts')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

const handoverFromRow = (row: Selectable<DutyHandoversTable>): DutyHandover => ({ ...row, demo: row.demo === 1 });
const logEntryFromRow = (row: Selectable<DutyLogTable>): DutyLogEntry => ({ ...row, demo: row.demo === 1 });

export async function findHandover(db: Kysely<Database>, id: string): Promise<DutyHandover | undefined> {
  const row = await db.selectFrom('dutyHandovers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && handoverFromRow(row);
}

/** Handovers between shifts of the given shifts (either side). */
export async function listHandovers(db: Kysely<Database>, shiftIds: readonly string[]): Promise<DutyHandover[]> {
  if (shiftIds.length === 0) return [];
  const rows = await db
    .selectFrom('dutyHandovers')
    .selectAll()
    .where((eb) => eb.or([eb('fromShiftId', 'in', shiftIds), eb('toShiftId', 'in', shiftIds)]))
    .orderBy('writtenAt')
    .execute();
  return rows.map(handoverFromRow);
}

/** The newest handovers first, bounded by `limit`. */
export async function listRecentHandovers(db: Kysely<Database>, limit: number): Promise<DutyHandover[]> {
  const rows = await db.selectFrom('dutyHandovers').selectAll().orderBy('writtenAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(handoverFromRow);
}

export async function findDutyShifts(db: Kysely<Database>, ids: readonly string[]): Promise<DutyShift[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('dutyShifts').selectAll().where('id', 'in', ids).execute();
  return rows.map(dutyShiftFromRow);
}

export async function saveHandover(db: Kysely<Database>, handover: DutyHandover): Promise<void> {
  const row = { ...handover, demo: handover.demo ? 1 : 0 };
  await db
    .insertInto('dutyHandovers')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

export async function listDutyLog(db: Kysely<Database>, dates: readonly string[]): Promise<DutyLogEntry[]> {
  if (dates.length === 0) return [];
  const rows = await db.selectFrom('dutyLog').selectAll().where('date', 'in', dates).orderBy('at').orderBy('id').execute();
  return rows.map(logEntryFromRow);
}

export async function insertDutyLogEntry(db: Kysely<Database>, entry: DutyLogEntry): Promise<void> {
  await db
    .insertInto('dutyLog')
    .values({ ...entry, demo: entry.demo ? 1 : 0 })
    .execute();
}

import type { Kysely, Selectable } from 'kysely';
import type { DutyShift } from '../../shared/duty.ts';
import type { Database, DutyShiftsTable } from '../db/schema.ts';

function dutyShiftFromRow(row: Selectable<DutyShiftsTable>): DutyShift {
  return { ...row, demo: row.demo === 1 } as DutyShift;
}

export async function findDutyShift(db: Kysely<Database>, id: string): Promise<DutyShift | undefined> {
  const row = await db.selectFrom('dutyShifts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && dutyShiftFromRow(row);
}

/** The shifts of the given local days, in start order. */
export async function listDutyShifts(db: Kysely<Database>, dates: readonly string[]): Promise<DutyShift[]> {
  if (dates.length === 0) return [];
  const rows = await db
    .selectFrom('dutyShifts')
    .selectAll()
    .where('date', 'in', dates)
    .orderBy('startsAt')
    .orderBy('role')
    .orderBy('id')
    .execute();
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

import type { Kysely } from 'kysely';
import type { Warning } from '../../shared/warnings.ts';
import type { Database } from '../db/schema.ts';

const fromRow = (row: { record: string }): Warning => JSON.parse(row.record) as Warning;

export async function findWarning(db: Kysely<Database>, id: string): Promise<Warning | undefined> {
  const row = await db.selectFrom('warnings').select('record').where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

export async function findWarningByIdentifier(db: Kysely<Database>, identifier: string, sender?: string): Promise<Warning | undefined> {
  let q = db.selectFrom('warnings').select('record').where('identifier', '=', identifier);
  if (sender) q = q.where('sender', '=', sender);
  const row = await q.orderBy('importedAt', 'desc').executeTakeFirst();
  return row && fromRow(row);
}

/** Warnings in force, and those cancelled or superseded since the instant; newest first. */
export async function listWarnings(db: Kysely<Database>, changedSince: string): Promise<Warning[]> {
  const rows = await db
    .selectFrom('warnings')
    .select('record')
    .where((eb) => eb.or([eb.and([eb('status', '!=', 'cancelled'), eb('supersededBy', 'is', null)]), eb('importedAt', '>=', changedSince)]))
    .orderBy('importedAt', 'desc')
    .execute();
  return rows.map(fromRow);
}

export async function saveWarning(db: Kysely<Database>, w: Warning): Promise<void> {
  const row = {
    id: w.id,
    identifier: w.identifier,
    sender: w.sender,
    status: w.status,
    supersededBy: w.supersededBy,
    record: JSON.stringify(w),
    importedAt: w.importedAt,
  };
  await db
    .insertInto('warnings')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

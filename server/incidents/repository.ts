import type { Kysely, Selectable } from 'kysely';
import { type Incident, isIncidentOpen } from '../../shared/incidents.ts';
import type { Database, IncidentsTable } from '../db/schema.ts';

function incidentFromRow({ open: _open, ...row }: Selectable<IncidentsTable>): Incident {
  return { ...row, reports: JSON.parse(row.reports), demo: row.demo === 1 };
}

export async function findIncident(db: Kysely<Database>, id: string): Promise<Incident | undefined> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  return row && incidentFromRow(row);
}

/** Open incidents, and closed ones changed since the instant; newest first. */
export async function listIncidents(db: Kysely<Database>, closedSince: string): Promise<Incident[]> {
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where((eb) => eb.or([eb('open', '=', 1), eb('updatedAt', '>=', closedSince)]))
    .orderBy('occurredAt', 'desc')
    .execute();
  return rows.map(incidentFromRow);
}

export async function saveIncident(db: Kysely<Database>, incident: Incident): Promise<void> {
  const row = { ...incident, reports: JSON.stringify(incident.reports), open: isIncidentOpen(incident) ? 1 : 0, demo: incident.demo ? 1 : 0 };
  await db
    .insertInto('incidents')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

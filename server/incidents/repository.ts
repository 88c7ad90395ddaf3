import type { Kysely, Selectable } from 'kysely';
import { type Incident, incidentSummary, type IncidentRecord, isIncidentOpen } from '../../shared/incidents.ts';
import type { Database, IncidentsTable } from '../db/schema.ts';

function incidentFromRow({ open: _open, ...row }: Selectable<IncidentsTable>): IncidentRecord {
  return { ...row, casualties: JSON.parse(row.casualties), reports: JSON.parse(row.reports), demo: row.demo === 1 };
}

export async function findIncident(db: Kysely<Database>, id: string): Promise<IncidentRecord | undefined> {
  const row = await db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  return row && incidentFromRow(row);
}

/** Open incidents, and closed ones changed since the instant; newest first; as every screen holds them (no caller's contact). */
export async function listIncidents(db: Kysely<Database>, closedSince: string): Promise<Incident[]> {
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where((eb) => eb.or([eb('open', '=', 1), eb('updatedAt', '>=', closedSince)]))
    .orderBy('occurredAt', 'desc')
    .execute();
  return rows.map((row) => incidentSummary(incidentFromRow(row)));
}

export async function saveIncident(db: Kysely<Database>, incident: IncidentRecord): Promise<void> {
  const row = {
    ...incident,
    casualties: JSON.stringify(incident.casualties),
    reports: JSON.stringify(incident.reports),
    open: isIncidentOpen(incident) ? 1 : 0,
    demo: incident.demo ? 1 : 0,
  };
  await db
    .insertInto('incidents')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

/** The incident a fire alert became, if it did: an alert becomes one incident, not two. */
export async function findIncidentOfFireAlert(db: Kysely<Database>, fireAlertId: string): Promise<IncidentRecord | undefined> {
  const row = await db.selectFrom('incidents').selectAll().where('fireAlertId', '=', fireAlertId).executeTakeFirst();
  return row && incidentFromRow(row);
}

import type { Kysely, Selectable } from 'kysely';
import { FIRE_ALERT_STATUSES, type FireAlert, isActiveFireAlert } from '../../shared/fire-alerts.ts';
import { FixedQuery, overwrittenBy } from '../db/fixed-query.ts';
import type { Database, FireAlertsTable } from '../db/schema.ts';

const ACTIVE_STATUSES = FIRE_ALERT_STATUSES.filter(isActiveFireAlert);

export function fireAlertFromRow({ scanKm, trackKm, ...row }: Selectable<FireAlertsTable>): FireAlert {
  const footprint = scanKm !== null && trackKm !== null ? { scanKm, trackKm } : null;
  return { ...row, footprint, history: JSON.parse(row.history), detections: JSON.parse(row.detections), demo: row.demo === 1 };
}

function fireAlertToRow({ footprint, ...alert }: FireAlert): FireAlertsTable {
  return {
    ...alert,
    scanKm: footprint?.scanKm ?? null,
    trackKm: footprint?.trackKm ?? null,
    history: JSON.stringify(alert.history),
    detections: JSON.stringify(alert.detections),
    demo: alert.demo ? 1 : 0,
  };
}

export async function findFireAlert(db: Kysely<Database>, id: string): Promise<FireAlert | undefined> {
  const row = await db.selectFrom('fireAlerts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fireAlertFromRow(row);
}

export interface FireAlertFilter {
  status?: FireAlert['status'];
  district?: readonly FireAlert['district'][];
  /** Only alerts still active, or changed since this instant. */
  activeOrChangedSince?: string;
  limit?: number;
}

/** Newest first, by the time the fire was detected. */
export async function listFireAlerts(db: Kysely<Database>, filter: FireAlertFilter = {}): Promise<FireAlert[]> {
  let q = db.selectFrom('fireAlerts').selectAll();
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.district) q = q.where('district', 'in', filter.district);
  const since = filter.activeOrChangedSince;
  if (since) q = q.where((eb) => eb.or([eb('status', 'in', ACTIVE_STATUSES), eb('updatedAt', '>=', since)]));
  q = q.orderBy('detectedAt', 'desc').orderBy('id', 'desc');
  if (filter.limit) q = q.limit(filter.limit);
  return (await q.execute()).map(fireAlertFromRow);
}

/**
 * New alerts never escalated and not at a known heat source, after `afterId` in id order: those the escalation
 * timer looks at (which of them are due is the shared rule's to say). Every other alert is left unread.
 */
export async function alertsAwaitingEscalation(db: Kysely<Database>, afterId: string, limit: number): Promise<FireAlert[]> {
  const rows = await db
    .selectFrom('fireAlerts')
    .selectAll()
    .where('status', '=', 'new')
    .where('escalatedAt', 'is', null)
    .where('heatSource', 'is', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(fireAlertFromRow);
}

/** Satellite alerts still active that changed since the instant: the candidates a new hotspot may join. */
export async function activeSatelliteAlertsSince(db: Kysely<Database>, since: string): Promise<FireAlert[]> {
  const rows = await db
    .selectFrom('fireAlerts')
    .selectAll()
    .where('source', '=', 'satellite')
    .where('status', 'in', ACTIVE_STATUSES)
    .where('updatedAt', '>=', since)
    .execute();
  return rows.map(fireAlertFromRow);
}

/** Inserts or replaces the alert: one statement of a fixed shape, prepared once (it runs on every report). */
const UPSERT_FIRE_ALERT = new FixedQuery((db, row: FireAlertsTable) =>
  db
    .insertInto('fireAlerts')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(overwrittenBy(row)))
    .compile(),
);

export async function saveFireAlert(db: Kysely<Database>, alert: FireAlert): Promise<void> {
  await UPSERT_FIRE_ALERT.execute(db, fireAlertToRow(alert));
}

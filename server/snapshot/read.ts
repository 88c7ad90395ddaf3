import type { Snapshot } from '../../shared/changes.ts';
import type { DomainDeps } from '../deps.ts';
import { dutyDatesAround } from '../duty/service.ts';
import { listDutyLog, listDutyShifts, listHandovers } from '../duty/repository.ts';
import { listFireAlerts } from '../fire-alerts/repository.ts';
import { listHazards } from '../hazards/repository.ts';
import { listIncidents } from '../incidents/repository.ts';
import { listWarnings } from '../warnings/repository.ts';

/** Closed alerts stay on screens this long after their last change; active ones stay until closed. */
const SNAPSHOT_FIRE_ALERT_WINDOW_MS = 7 * 86_400_000;

/**
 * The whole live picture at one seq as JSON, read between writes so it is consistent. `districts` narrows
 * located records to those districts (the duty roster is the city bureau's and always included). The risk
 * points come serialised already (see RiskPointSummaries); the rest is read from the database.
 */
export function readSnapshotJson(deps: DomainDeps, districts?: readonly string[]): Promise<string> {
  const { store } = deps;
  const district = districts && districts.length > 0 ? districts : undefined;
  return store.readConsistent(async (db) => {
    const now = store.clock();
    const since = new Date(now.getTime() - SNAPSHOT_FIRE_ALERT_WINDOW_MS).toISOString();
    const [fireAlerts, shifts, log, incidents, hazards, warnings] = await Promise.all([
      listFireAlerts(db, { district, activeOrChangedSince: since }),
      listDutyShifts(db, dutyDatesAround(now)),
      listDutyLog(db, dutyDatesAround(now)),
      listIncidents(db, since),
      listHazards(db, { openOrChangedSince: since }),
      listWarnings(db, since),
    ]);
    const inView = <T extends { district: string }>(records: T[]) => (district ? records.filter((r) => district.includes(r.district)) : records);
    const handovers = await listHandovers(db, shifts.map((s) => s.id));
    const rest: Omit<Snapshot, 'seq' | 'riskPoints'> = {
      fireAlerts,
      duty: { shifts, handovers, log },
      incidents: inView(incidents),
      hazards: inView(hazards),
      // warnings cover areas, not one district: every screen has them all
      warnings,
    };
    return `{"seq":${store.currentSeq},"riskPoints":${deps.summaries.json(district)},${JSON.stringify(rest).slice(1)}`;
  });
}

/** The same picture as an object, for the socket (which serialises it itself). */
export async function readSnapshot(deps: DomainDeps, districts?: readonly string[]): Promise<Snapshot> {
  return JSON.parse(await readSnapshotJson(deps, districts)) as Snapshot;
}

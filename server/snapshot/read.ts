import type { Snapshot } from '../../shared/changes.ts';
import type { DomainDeps } from '../deps.ts';
import { dutyDatesAround } from '../duty/service.ts';
import { listDutyLog, listDutyShifts, listHandovers } from '../duty/repository.ts';
import { listFireAlerts } from '../fire-alerts/repository.ts';
import { listHazards } from '../hazards/repository.ts';
import { listIncidents } from '../incidents/repository.ts';
import { listWarnings } from '../warnings/repository.ts';
import { listRiskPointSummaries } from '../risk-points/repository.ts';

/** Closed alerts stay on screens this long after their last change; active ones stay until closed. */
const SNAPSHOT_FIRE_ALERT_WINDOW_MS = 7 * 86_400_000;

/**
 * The whole live picture at one seq, read between writes so it is consistent. `districts` narrows located
 * records to those districts (the duty roster is the city bureau's and always included).
 */
export function readSnapshot(deps: DomainDeps, districts?: readonly string[]): Promise<Snapshot> {
  const { store } = deps;
  const district = districts && districts.length > 0 ? districts : undefined;
  return store.readConsistent(async (db) => {
    const now = store.clock();
    const since = new Date(now.getTime() - SNAPSHOT_FIRE_ALERT_WINDOW_MS).toISOString();
    const [riskPoints, fireAlerts, shifts, log, incidents, hazards, warnings] = await Promise.all([
      listRiskPointSummaries(db, { district }),
      listFireAlerts(db, { district, activeOrChangedSince: since }),
      listDutyShifts(db, dutyDatesAround(now)),
      listDutyLog(db, dutyDatesAround(now)),
      listIncidents(db, since),
      listHazards(db, { openOrChangedSince: since }),
      listWarnings(db, since),
    ]);
    const inView = <T extends { district: string }>(records: T[]) => (district ? records.filter((r) => district.includes(r.district)) : records);
    const handovers = await listHandovers(db, shifts.map((s) => s.id));
    return {
      seq: store.currentSeq,
      riskPoints,
      fireAlerts,
      duty: { shifts, handovers, log },
      incidents: inView(incidents),
      hazards: inView(hazards),
      // warnings cover areas, not one district: every screen has them all
      warnings,
    };
  });
}

import type { Snapshot } from '../../shared/changes.ts';
import type { DistrictCode } from '../../shared/districts.ts';
import { type DomainDeps, finishedSince } from '../deps.ts';
import { dutyDatesAround } from '../../shared/duty.ts';
import { listDutyLog, listDutyShifts, listHandovers } from '../duty/repository.ts';
import { listFireAlerts } from '../fire-alerts/repository.ts';
import { listHazards } from '../hazards/repository.ts';
import { listIncidents } from '../incidents/repository.ts';
import { listWarnings } from '../warnings/repository.ts';

/**
 * The whole live picture at one seq as JSON. `districts` narrows located records to those districts (the duty
 * roster is the city bureau's and always included). The risk points come serialised already (see
 * RiskPointSummaries); the rest is read from the database in one committed state, beside the write queue
 * rather than in it, so screens asking for pictures do not hold up the officers' writes.
 */
export function readSnapshotJson(deps: DomainDeps, districts?: readonly DistrictCode[]): Promise<string> {
  return shared(deps, 'json', districts, () => readPicture(deps, districts));
}

/** The same picture as an object, for the socket (which serialises it itself). */
export function readSnapshot(deps: DomainDeps, districts?: readonly DistrictCode[]): Promise<Snapshot> {
  return shared(deps, 'object', districts, async () => JSON.parse(await readSnapshotJson(deps, districts)) as Snapshot);
}

/** The reads under way, per server, by what they read, which view and the seq they started at. */
const underWay = new WeakMap<DomainDeps, Map<string, Promise<unknown>>>();

/**
 * One read for all who ask for the same view while no write commits: a hundred screens connecting at once
 * cost one read and one parse, not a hundred. Only a read begun at the current seq is shared, so each asker
 * still gets a picture at least as new as its asking.
 */
function shared<T>(deps: DomainDeps, kind: string, districts: readonly DistrictCode[] | undefined, read: () => Promise<T>): Promise<T> {
  let reads = underWay.get(deps);
  if (!reads) underWay.set(deps, (reads = new Map()));
  const key = `${kind} ${[...(districts ?? [])].sort().join(',')} @${deps.store.currentSeq}`;
  const running = reads.get(key) as Promise<T> | undefined;
  if (running) return running;
  const started = read().finally(() => reads.delete(key));
  reads.set(key, started);
  return started;
}

function readPicture(deps: DomainDeps, districts?: readonly DistrictCode[]): Promise<string> {
  const { store } = deps;
  const district = districts && districts.length > 0 ? districts : undefined;
  const now = store.clock();
  // finished records as long as the screens keep them; active ones until they finish
  const since = finishedSince(deps);
  return store.readCommitted(
    async (db) => {
      const [fireAlerts, shifts, log, incidents, hazards, warnings] = await Promise.all([
        listFireAlerts(db, { district, activeOrChangedSince: since }),
        listDutyShifts(db, dutyDatesAround(now)),
        listDutyLog(db, dutyDatesAround(now)),
        listIncidents(db, since),
        listHazards(db, { openOrChangedSince: since }),
        listWarnings(db, since),
      ]);
      const handovers = await listHandovers(
        db,
        shifts.map((s) => s.id),
      );
      return { fireAlerts, shifts, log, incidents, hazards, warnings, handovers };
    },
    ({ fireAlerts, shifts, log, incidents, hazards, warnings, handovers }, seq) => {
      const inView = <T extends { district: DistrictCode }>(records: T[]) => (district ? records.filter((r) => district.includes(r.district)) : records);
      const rest: Omit<Snapshot, 'seq' | 'riskPoints'> = {
        fireAlerts,
        duty: { shifts, handovers, log },
        incidents: inView(incidents),
        hazards: inView(hazards),
        // warnings cover areas, not one district: every screen has them all
        warnings,
      };
      // the points are kept at the store's seq, which readCommitted made sure is this state's
      return `{"seq":${seq},"riskPoints":${deps.summaries.json(district)},${JSON.stringify(rest).slice(1)}`;
    },
  );
}

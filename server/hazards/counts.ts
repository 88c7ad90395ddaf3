import type { Kysely } from 'kysely';
import type { ChangeDraft } from '../../shared/changes.ts';
import { countHazards, type Hazard } from '../../shared/hazards.ts';
import { summarizeRiskPoint } from '../../shared/risk-points.ts';
import type { Database } from '../db/schema.ts';
import { findRiskPoints, saveHazardCounts } from '../risk-points/repository.ts';
import { openHazardsOn } from './repository.ts';

/**
 * Counts the hazards of these risk points again from their records, inside the write that changed the
 * hazards (`db` is its transaction), and stores the counts on the points that are off: a count is always
 * what its records say at that write, never a tally that can drift. Returns the changes to those points.
 */
export async function recountRiskPoints(db: Kysely<Database>, riskPointIds: Iterable<string | null>, now: Date): Promise<ChangeDraft[]> {
  const ids = [...new Set([...riskPointIds].filter((id): id is string => id !== null))];
  if (ids.length === 0) return [];
  const byPoint = new Map<string, Hazard[]>(ids.map((id) => [id, []]));
  for (const hazard of await openHazardsOn(db, ids)) byPoint.get(hazard.riskPointId!)!.push(hazard);
  const at = now.toISOString();
  const changes: ChangeDraft[] = [];
  for (const point of await findRiskPoints(db, ids)) {
    const { open, overdue } = countHazards(byPoint.get(point.id)!, now);
    if (open === point.openHazards && overdue === point.overdueHazards) continue;
    const next = { ...point, openHazards: open, overdueHazards: overdue, updatedAt: at };
    await saveHazardCounts(db, point.id, { openHazards: open, overdueHazards: overdue }, at);
    changes.push({ entity: 'riskPoint', op: 'upsert', data: summarizeRiskPoint(next) });
  }
  return changes;
}

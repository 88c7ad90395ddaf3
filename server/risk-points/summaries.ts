import type { Change } from '../../shared/changes.ts';
import type { RiskPointSummary } from '../../shared/risk-points.ts';
import type { Store } from '../db/store.ts';
import { listRiskPointSummaries } from './repository.ts';

/**
 * Every risk point as screens hold it, serialised once when it changes rather than at every snapshot:
 * reading and serialising 100,000 rows cost a screen half a second before its first byte. Kept by the
 * store's commit listener, which runs inside the store's turn, so a read in `readConsistent` sees exactly
 * the points at the store's current seq.
 */
export class RiskPointSummaries {
  private readonly points = new Map<string, { district: string; json: string }>();

  private constructor() {}

  static async load(store: Store): Promise<RiskPointSummaries> {
    const summaries = new RiskPointSummaries();
    for (const point of await listRiskPointSummaries(store.db)) summaries.put(point);
    store.onCommit((changes) => summaries.apply(changes));
    return summaries;
  }

  private put(point: RiskPointSummary) {
    this.points.set(point.id, { district: point.district, json: JSON.stringify(point) });
  }

  private apply(changes: readonly Change[]) {
    for (const change of changes) {
      if (change.entity !== 'riskPoint') continue;
      if (change.op === 'upsert') this.put(change.data as RiskPointSummary);
      else this.points.delete(change.data.id);
    }
  }

  /** The points (of these districts, or all) as a JSON array. */
  json(districts?: readonly string[]): string {
    const parts: string[] = [];
    for (const { district, json } of this.points.values()) if (!districts || districts.includes(district)) parts.push(json);
    return `[${parts.join(',')}]`;
  }
}

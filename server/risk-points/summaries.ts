import type { Change } from '../../shared/changes.ts';
import { type ClusterPointTags, drawnAlike } from '../../shared/risk-point-clusters.ts';
import type { RiskPointSummary } from '../../shared/risk-points.ts';
import type { Store } from '../db/store.ts';
import { listRiskPointSummaries } from './repository.ts';

/** What the map draws of a point: where it is, and its level and category. */
export interface DrawnPoint extends ClusterPointTags {
  district: string;
  lon: number;
  lat: number;
}

/**
 * Every risk point as screens hold it, serialised once when it changes rather than at every snapshot:
 * reading and serialising 100,000 rows cost a screen half a second before its first byte. Kept by a
 * store commit listener (wired in createApp), which runs inside the store's turn, so a read in `readConsistent` sees exactly
 * the points at the store's current seq. Also keeps what the map draws of each point, and counts the
 * changes to that (`drawnVersion`), so the clusters are made again only when they would look different.
 */
export class RiskPointSummaries {
  private readonly points = new Map<string, { json: string; drawn: DrawnPoint }>();
  private version = 0;

  private constructor() {}

  static async load(store: Store): Promise<RiskPointSummaries> {
    const summaries = new RiskPointSummaries();
    for (const point of await listRiskPointSummaries(store.db)) summaries.put(point);
    return summaries;
  }

  private put(point: RiskPointSummary) {
    const { id, level, category, district, lon, lat } = point;
    const drawn = { id, level, category, district, lon, lat };
    const before = this.points.get(id);
    if (!before || !drawnAlike(before.drawn, drawn)) this.version++;
    this.points.set(id, { json: JSON.stringify(point), drawn });
  }

  /** Folds in a commit's changes to risk points; the store's first commit listener. */
  apply(changes: readonly Change[]) {
    for (const change of changes) {
      if (change.entity !== 'riskPoint') continue;
      if (change.op === 'upsert') this.put(change.data as RiskPointSummary);
      else if (this.points.delete(change.data.id)) this.version++;
    }
  }

  /** The points (of these districts, or all) as a JSON array. */
  json(districts?: readonly string[]): string {
    const parts: string[] = [];
    for (const { drawn, json } of this.points.values()) if (!districts || districts.includes(drawn.district)) parts.push(json);
    return `[${parts.join(',')}]`;
  }

  /** Goes up whenever a point appears, disappears, moves, or changes level or category. */
  get drawnVersion(): number {
    return this.version;
  }

  /** What the map draws of the points (of these districts, or all). */
  *drawn(districts?: readonly string[]): Iterable<DrawnPoint> {
    for (const { drawn } of this.points.values()) if (!districts || districts.includes(drawn.district)) yield drawn;
  }
}

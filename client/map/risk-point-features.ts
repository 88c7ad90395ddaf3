import type { ChunkedMap } from '../../shared/chunked-map.ts';
import { isClustered } from '../../shared/risk-point-clusters.ts';
import type { RiskCategory, RiskPointSummary } from '../../shared/risk-points.ts';

/** One character per category, drawn on the point: readable without a sprite sheet and in any language. */
export const CATEGORY_GLYPH: Record<RiskCategory, string> = {
  hazardous_chemicals: '化',
  mine: '矿',
  tailings_pond: '尾',
  gas: '气',
  fireworks: '爆',
  construction_site: '建',
  crowded_place: '众',
  small_venue: '小',
  road_transport: '运',
  water: '水',
  forest: '林',
  other: '他',
};

/** How long a risk point changed live is drawn highlighted above the clusters, so a new item is seen. */
export const RECENT_CHANGE_MS = 10 * 60_000;

type Points = ChunkedMap<RiskPointSummary>;
type Collection = GeoJSON.FeatureCollection<GeoJSON.Point>;

/**
 * The clusters' tiles are fetched again at most this often after a point changed how it is drawn: the
 * changed point itself is drawn highlighted above the clusters at once, the cluster's count follows.
 */
export const CLUSTER_REFRESH_MS = 5000;

/** More changes than this at once make a new picture, drawn as it is rather than highlighted as news. */
export const NEW_PICTURE_CHANGES = 2000;

/** What the clusters show of a point; a change elsewhere in the record does not touch them. */
const drawnAs = (p: RiskPointSummary) => `${p.level}|${p.category}|${p.lon}|${p.lat}`;

const priorityFeature = (p: RiskPointSummary, recent: boolean): GeoJSON.Feature<GeoJSON.Point> => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
  properties: { id: p.id, level: p.level, glyph: CATEGORY_GLYPH[p.category], recent },
});

export interface Redraw {
  /** The clusters' tiles no longer show every point as it is: fetch them again. */
  refreshClusters: boolean;
  /** The small never-clustered source (red points and recent changes), whole; null when unchanged. */
  priority: Collection | null;
}

/**
 * What the map shows of the risk points beside the server's clusters, and when those need fetching again.
 * Red points never enter a cluster: they are drawn here. A point that changes live is drawn highlighted
 * above the clusters for RECENT_CHANGE_MS while its cluster still counts it, so the clusters are fetched
 * again only when a point appears, disappears, moves, or changes level or category — not at every hazard
 * count that ticks — and then at most every CLUSTER_REFRESH_MS.
 */
export class RiskPointDrawing {
  private picture: Points | null = null;
  /** Red points and recent changes. */
  private readonly priority = new Map<string, RiskPointSummary>();
  private readonly recentSince = new Map<string, number>();
  private clustersStale = false;
  private clustersFetchedAt = 0;

  redraw(current: Points, now: number): Redraw {
    const before = this.picture;
    this.picture = current;
    let priorityChanged = this.expire(now);
    if (before !== current) {
      const diff = before ? current.diffSince(before) : null;
      if (!diff || diff.changed.length + diff.removed.length > NEW_PICTURE_CHANGES) {
        this.startOver(current, now, before === null);
        priorityChanged = true;
      } else {
        for (const [id, point] of diff.changed) {
          this.recentSince.set(id, now);
          this.priority.set(id, point);
          const shown = before!.get(id);
          if (!shown || drawnAs(shown) !== drawnAs(point)) this.clustersStale = true;
          priorityChanged = true;
        }
        for (const id of diff.removed) {
          this.clustersStale = true;
          if (this.priority.delete(id)) priorityChanged = true;
          this.recentSince.delete(id);
        }
      }
    }
    const refreshClusters = this.clustersStale && now - this.clustersFetchedAt >= CLUSTER_REFRESH_MS;
    if (refreshClusters) {
      this.clustersStale = false;
      this.clustersFetchedAt = now;
    }
    return { refreshClusters, priority: priorityChanged ? this.priorityCollection() : null };
  }

  /**
   * A picture to draw from scratch: the first, or one that is not news — a fresh snapshot after a long
   * outage, or an import of thousands of points at once, which highlighted would bury the map.
   */
  private startOver(current: Points, now: number, first: boolean) {
    this.priority.clear();
    this.recentSince.clear();
    for (const point of current.values()) if (!isClustered(point)) this.priority.set(point.id, point);
    // The clusters follow now; but the first picture's tiles were asked for as the map opened, perhaps
    // just before the picture was read, and one more fetch a little later catches a change in between.
    this.clustersStale = true;
    this.clustersFetchedAt = first ? now : now - CLUSTER_REFRESH_MS;
  }

  /** The ids drawn as recent changes. */
  recentIds(): Set<string> {
    return new Set(this.recentSince.keys());
  }

  /** Forgets changes older than RECENT_CHANGE_MS; true when one was forgotten. */
  private expire(now: number): boolean {
    let expired = false;
    for (const [id, at] of this.recentSince) {
      if (now - at <= RECENT_CHANGE_MS) continue;
      this.recentSince.delete(id);
      const point = this.priority.get(id);
      if (point && isClustered(point)) this.priority.delete(id);
      expired = true;
    }
    return expired;
  }

  private priorityCollection(): Collection {
    return { type: 'FeatureCollection', features: [...this.priority.values()].map((p) => priorityFeature(p, this.recentSince.has(p.id))) };
  }
}

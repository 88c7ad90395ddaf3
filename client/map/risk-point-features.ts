import type { GeoJSONSourceDiff } from 'maplibre-gl';
import type { ChunkedMap } from '../../shared/chunked-map.ts';
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

/** Features carry only what the layers draw (names come from the store): the worker's copy stays small. */
const clusterFeature = (p: RiskPointSummary): GeoJSON.Feature<GeoJSON.Point> => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
  properties: { id: p.id, level: p.level, glyph: CATEGORY_GLYPH[p.category] },
});

/** What the clustered layers show of a point; a change elsewhere in the record does not touch the clusters. */
const drawnAs = (p: RiskPointSummary) => `${p.level}|${p.category}|${p.lon}|${p.lat}`;

const collection = (features: GeoJSON.Feature<GeoJSON.Point>[]): Collection => ({ type: 'FeatureCollection', features });

export interface Redraw {
  /** The clustered source: all of it the first time, then only what changed; null when nothing did. */
  clustered: { data: Collection } | { diff: GeoJSONSourceDiff } | null;
  /** The small never-clustered source (red points and recent changes), whole; null when unchanged. */
  priority: Collection | null;
}

/**
 * What the map shows of the risk points, and the least work to bring it up to date with the live picture.
 * Red points never enter a cluster. A point that changes live is drawn highlighted above the clusters for
 * RECENT_CHANGE_MS while its cluster still counts it, so clusters are rebuilt only when a point appears,
 * disappears, moves, or changes level or category, not at every hazard count that ticks.
 */
export class RiskPointDrawing {
  private picture: Points | null = null;
  /** The points in the clustered source, as drawn there. */
  private readonly clustered = new Map<string, RiskPointSummary>();
  /** Red points and recent changes. */
  private readonly priority = new Map<string, RiskPointSummary>();
  private readonly recentSince = new Map<string, number>();

  redraw(current: Points, now: number): Redraw {
    const before = this.picture;
    this.picture = current;
    if (before === current) return this.expire(now) ? { clustered: null, priority: this.priorityCollection() } : { clustered: null, priority: null };
    if (before === null) return this.drawFirst(current);

    const add: GeoJSON.Feature[] = [];
    const remove: string[] = [];
    const { changed, removed } = current.diffSince(before);
    let priorityChanged = changed.length > 0;
    for (const [id, point] of changed) {
      this.recentSince.set(id, now);
      this.priority.set(id, point);
      const shown = this.clustered.get(id);
      if (point.level === 'red') {
        if (shown) remove.push(id);
        this.clustered.delete(id);
      } else {
        if (!shown || drawnAs(shown) !== drawnAs(point)) add.push(clusterFeature(point));
        this.clustered.set(id, point);
      }
    }
    for (const id of removed) {
      if (this.clustered.delete(id)) remove.push(id);
      if (this.priority.delete(id)) priorityChanged = true;
      this.recentSince.delete(id);
    }
    if (this.expire(now)) priorityChanged = true;
    return {
      clustered: add.length > 0 || remove.length > 0 ? { diff: { add, remove } } : null,
      priority: priorityChanged ? this.priorityCollection() : null,
    };
  }

  /** The ids drawn as recent changes. */
  recentIds(): Set<string> {
    return new Set(this.recentSince.keys());
  }

  private drawFirst(current: Points): Redraw {
    const features: GeoJSON.Feature<GeoJSON.Point>[] = [];
    for (const point of current.values()) {
      if (point.level === 'red') this.priority.set(point.id, point);
      else {
        this.clustered.set(point.id, point);
        features.push(clusterFeature(point));
      }
    }
    return { clustered: { data: collection(features) }, priority: this.priorityCollection() };
  }

  /** Forgets changes older than RECENT_CHANGE_MS; true when one was forgotten. */
  private expire(now: number): boolean {
    let expired = false;
    for (const [id, at] of this.recentSince) {
      if (now - at <= RECENT_CHANGE_MS) continue;
      this.recentSince.delete(id);
      if (this.priority.get(id)?.level !== 'red') this.priority.delete(id);
      expired = true;
    }
    return expired;
  }

  private priorityCollection(): Collection {
    return collection(
      [...this.priority.values()].map((p) => {
        const feature = clusterFeature(p);
        feature.properties!.recent = this.recentSince.has(p.id);
        return feature;
      }),
    );
  }
}

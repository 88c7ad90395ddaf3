import type { ChunkedMap } from '../../shared/chunked-map.ts';
import { drawnAlike } from '../../shared/risk-point-clusters.ts';
import type { RiskCategory, RiskPointSummary } from '../../shared/risk-points.ts';
import { fadeStepAt, RECENT_CHANGE_MS, recentMarkOpacity } from './recent-marks.ts';

export { RECENT_CHANGE_MS } from './recent-marks.ts';

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

type Points = ChunkedMap<RiskPointSummary>;
type Collection = GeoJSON.FeatureCollection<GeoJSON.Point>;

/**
 * The tiles are fetched again at most this often after a point changed how they draw it: the changed point
 * itself is drawn highlighted above them at once, the cluster's count follows.
 */
export const TILE_REFRESH_MS = 5000;

/** More changes than this at once make a new picture, drawn as it is rather than highlighted as news. */
export const NEW_PICTURE_CHANGES = 2000;

/**
 * The most points drawn as recent changes at once: beyond it the oldest is forgotten early (the tiles have
 * it by then), so a busy hour never makes the screen redraw an unbounded list at every fade step.
 */
export const MAX_RECENT = NEW_PICTURE_CHANGES;

/** A changed point as drawn above the tiles, with its mark's opacity (`fade`) at this age of the change. */
const recentFeature = ({ id, level, category, lon, lat }: RiskPointSummary, ageMs: number): GeoJSON.Feature<GeoJSON.Point> => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, level, category, fade: recentMarkOpacity(ageMs) },
});

export interface Redraw {
  /** The tiles no longer show every point as it is: fetch them again. */
  refreshTiles: boolean;
  /** The points changed live, whole; null when unchanged. */
  recent: Collection | null;
}

/**
 * What the map shows of the risk points beside the server's tiles (clusters, and red points on their own),
 * and when those need fetching again. A point that changes live is drawn above the tiles for
 * RECENT_CHANGE_MS, with a mark that fades over that time, while the tiles still count it as it was; they are fetched again only when a point
 * appears, disappears, moves, or changes level or category — not at every hazard count that ticks — and
 * then at most every TILE_REFRESH_MS.
 */
export class RiskPointDrawing {
  private picture: Points | null = null;
  private readonly recent = new Map<string, { point: RiskPointSummary; since: number }>();
  private tilesStale = false;
  private tilesFetchedAt = 0;
  private fadeStep = -1;

  redraw(current: Points, now: number): Redraw {
    const before = this.picture;
    this.picture = current;
    let recentChanged = this.expire(now);
    // the marks fade: redrawn once a fade step while there are any
    const step = fadeStepAt(now);
    if (step !== this.fadeStep) {
      recentChanged ||= this.recent.size > 0;
      this.fadeStep = step;
    }
    if (before !== current) {
      const diff = before ? current.diffSince(before) : null;
      if (!diff || diff.changed.length + diff.removed.length > NEW_PICTURE_CHANGES) {
        recentChanged ||= this.recent.size > 0 || before === null;
        this.startOver(before === null, now);
      } else {
        for (const [id, point] of diff.changed) {
          // to the end of the list, which is kept in the order of the changes
          this.recent.delete(id);
          this.recent.set(id, { point, since: now });
          const shown = before!.get(id);
          if (!shown || !drawnAlike(shown, point)) this.tilesStale = true;
          recentChanged = true;
        }
        for (const id of diff.removed) {
          this.tilesStale = true;
          if (this.recent.delete(id)) recentChanged = true;
        }
      }
    }
    for (const id of this.recent.keys()) {
      if (this.recent.size <= MAX_RECENT) break;
      this.recent.delete(id);
    }
    const refreshTiles = this.tilesStale && now - this.tilesFetchedAt >= TILE_REFRESH_MS;
    if (refreshTiles) {
      this.tilesStale = false;
      this.tilesFetchedAt = now;
    }
    return { refreshTiles, recent: recentChanged ? this.recentCollection(now) : null };
  }

  /**
   * A picture to draw as it is: the first, or one that is not news — a fresh snapshot after a long outage,
   * or an import of thousands of points at once, which highlighted would bury the map.
   */
  private startOver(first: boolean, now: number) {
    this.recent.clear();
    // The tiles follow now; but the first picture's were asked for as the map opened, perhaps just before
    // the picture was read, and one more fetch a little later catches a change in between.
    this.tilesStale = true;
    this.tilesFetchedAt = first ? now : now - TILE_REFRESH_MS;
  }

  /** The ids drawn as recent changes. */
  recentIds(): Set<string> {
    return new Set(this.recent.keys());
  }

  /** Forgets changes older than RECENT_CHANGE_MS; true when one was forgotten. */
  private expire(now: number): boolean {
    let expired = false;
    for (const [id, { since }] of this.recent) {
      if (now - since <= RECENT_CHANGE_MS) continue;
      this.recent.delete(id);
      expired = true;
    }
    return expired;
  }

  private recentCollection(now: number): Collection {
    return { type: 'FeatureCollection', features: [...this.recent.values()].map(({ point, since }) => recentFeature(point, now - since)) };
  }
}

import { z } from 'zod';
import { snapshotQuerySchema } from './changes.ts';
import type { RiskPointSummary } from './risk-points.ts';

/**
 * Risk points are clustered once, on the server, and screens fetch the clusters as vector tiles: a browser
 * clustering 100,000 points itself spent a second of its worker on every screen that opened.
 */

/** The tiles' layer of clusters and clustered points, and the name of the map source drawn from the tiles. */
export const CLUSTER_TILE_LAYER = 'risk-points';
/** The tiles' layer of red points, each on its own. */
export const RED_TILE_LAYER = 'risk-red';
/** Above this zoom every point is drawn on its own. */
export const CLUSTER_MAX_ZOOM = 12;
/** Points closer than this on screen (CSS pixels at 512-pixel tiles) join one cluster. */
export const CLUSTER_RADIUS_PX = 60;
/** Tiles are made down to the zoom after the last clustered one; the map magnifies that one beyond it. */
export const CLUSTER_TILE_MAX_ZOOM = CLUSTER_MAX_ZOOM + 1;
export const CLUSTER_TILE_EXTENT = 4096;

/** Red points never enter a cluster: they come in their own layer, always each on its own. */
export const isClustered = (point: Pick<RiskPointSummary, 'level'>): boolean => point.level !== 'red';

/**
 * Whether the tiles would draw two versions of a point alike: same place, level and category. A change
 * elsewhere in the record (a hazard count ticking) leaves them as they are. The district follows the place.
 */
export const drawnAlike = (
  a: Pick<RiskPointSummary, 'level' | 'category' | 'lon' | 'lat'>,
  b: Pick<RiskPointSummary, 'level' | 'category' | 'lon' | 'lat'>,
): boolean => a.level === b.level && a.category === b.category && a.lon === b.lon && a.lat === b.lat;

/** What a cluster shows instead of a bare count: how many of its points are of each level. */
export interface ClusterMix {
  orange: number;
  yellow: number;
  blue: number;
}

export const mixOf = (point: Pick<RiskPointSummary, 'level'>): ClusterMix => ({
  orange: point.level === 'orange' ? 1 : 0,
  yellow: point.level === 'yellow' ? 1 : 0,
  blue: point.level === 'blue' ? 1 : 0,
});

export function addMix(into: ClusterMix, other: Readonly<ClusterMix>): void {
  into.orange += other.orange;
  into.yellow += other.yellow;
  into.blue += other.blue;
}

/** What a single point carries in a tile: only what the layers draw (names come from the screen's store). */
export type ClusterPointTags = Pick<RiskPointSummary, 'id' | 'level' | 'category'>;

/** What a cluster carries besides its mix: the zoom at which it falls apart, for a click to fly to. */
export interface ClusterTags extends ClusterMix {
  cluster: true;
  cluster_id: number;
  point_count: number;
  expansion_zoom: number;
}

export const clusterTileParamsSchema = z
  .object({ z: z.coerce.number().int().min(0).max(CLUSTER_TILE_MAX_ZOOM), x: z.coerce.number().int().min(0), y: z.coerce.number().int().min(0) })
  .refine(({ z: zoom, x, y }) => x < 2 ** zoom && y < 2 ** zoom, { message: 'x and y must lie inside the zoom level' });

/** The districts as for the snapshot; `v` only tells a fresh fetch from a cached one. */
export const clusterTileQuerySchema = snapshotQuerySchema.extend({ v: z.string().max(40).optional() });

/** The tile address MapLibre fills in; `version` changes when the screen wants them fetched again. */
export const clusterTileUrl = (origin: string, version: number) => `${origin}/api/risk-points/tiles/{z}/{x}/{y}?v=${version}`;

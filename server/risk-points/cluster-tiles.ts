import { fromGeojsonVt } from '@maplibre/vt-pbf';
import Supercluster, { type PointFeature } from 'supercluster';
import {
  addMix,
  CLUSTER_MAX_ZOOM,
  CLUSTER_RADIUS_PX,
  CLUSTER_TILE_EXTENT,
  CLUSTER_TILE_LAYER,
  type ClusterMix,
  type ClusterPointTags,
  type ClusterTags,
  isClustered,
  mixOf,
} from '../../shared/risk-point-clusters.ts';
import type { DrawnPoint, RiskPointSummaries } from './summaries.ts';

type Index = Supercluster<ClusterPointTags, ClusterMix>;

/** The city and the district screens' selections held at once; more are made again when asked for. */
const MAX_INDEXES = 16;

const toFeature = ({ id, level, category, lon, lat }: DrawnPoint): PointFeature<ClusterPointTags> => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, level, category },
});

/**
 * The clustered risk points as vector tiles, for every screen. One index per selection of districts, made
 * from the kept summaries when first asked for and made again, on the next request, after a point
 * appeared, disappeared, moved or changed level or category (≈ 0.1 s for 100,000 points).
 */
export class RiskPointClusterTiles {
  private readonly indexes = new Map<string, { version: number; index: Index }>();

  constructor(private readonly summaries: RiskPointSummaries) {}

  /** The tile as Mapbox Vector Tile bytes; null where it holds no point. */
  tile(zoom: number, x: number, y: number, districts?: readonly string[]): Uint8Array | null {
    const index = this.indexOf(districts);
    const tile = index.getTile(zoom, x, y);
    if (!tile) return null;
    for (const feature of tile.features) {
      const tags = feature.tags as Partial<ClusterTags> | null;
      if (tags?.cluster) tags.expansion_zoom = index.getClusterExpansionZoom(tags.cluster_id!);
    }
    return fromGeojsonVt({ [CLUSTER_TILE_LAYER]: tile } as never, { version: 2, extent: CLUSTER_TILE_EXTENT });
  }

  /** Makes the index of these districts (or the city) now, if it is not up to date, so a request need not wait. */
  prepare(districts?: readonly string[]): void {
    this.indexOf(districts);
  }

  private indexOf(districts?: readonly string[]): Index {
    const key = districts && districts.length > 0 ? [...districts].sort().join(',') : 'city';
    const version = this.summaries.drawnVersion;
    const held = this.indexes.get(key);
    if (held?.version === version) return held.index;
    const points = [...this.summaries.drawn(districts && districts.length > 0 ? districts : undefined)].filter(isClustered).map(toFeature);
    const index: Index = new Supercluster<ClusterPointTags, ClusterMix>({
      maxZoom: CLUSTER_MAX_ZOOM,
      // the same distance on screen as MapLibre's own `clusterRadius` at 512-pixel tiles
      radius: (CLUSTER_RADIUS_PX * CLUSTER_TILE_EXTENT) / 512,
      extent: CLUSTER_TILE_EXTENT,
      map: mixOf,
      reduce: addMix,
    }).load(points);
    this.indexes.delete(key);
    if (this.indexes.size >= MAX_INDEXES) this.indexes.delete(this.indexes.keys().next().value!);
    this.indexes.set(key, { version, index });
    return index;
  }
}

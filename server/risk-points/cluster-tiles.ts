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
  RED_TILE_LAYER,
} from '../../shared/risk-point-clusters.ts';
import type { DrawnPoint, RiskPointSummaries } from './summaries.ts';

type Index = Supercluster<ClusterPointTags, ClusterMix>;
/** The clustered points, and the red ones indexed alone (a cluster needs more points than there are). */
interface Indexes {
  clusters: Index;
  reds: Supercluster<ClusterPointTags>;
}

/** The city and the district screens' selections held at once; more are made again when asked for. */
const MAX_INDEXES = 16;

const toFeature = ({ id, level, category, lon, lat }: DrawnPoint): PointFeature<ClusterPointTags> => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lon, lat] },
  properties: { id, level, category },
});

/**
 * The risk points as vector tiles, for every screen: the clusters, and the red points on their own. One pair
 * of indexes per selection of districts, made from the kept summaries when first asked for and made again,
 * on the next request, after a point appeared, disappeared, moved or changed level or category (≈ 0.1 s for
 * 100,000 points).
 */
export class RiskPointClusterTiles {
  private readonly indexes = new Map<string, { version: number } & Indexes>();

  constructor(private readonly summaries: RiskPointSummaries) {}

  /** The tile as Mapbox Vector Tile bytes; null where it holds no point. */
  tile(zoom: number, x: number, y: number, districts?: readonly string[]): Uint8Array | null {
    const { clusters, reds } = this.indexesOf(districts);
    const layers: Record<string, unknown> = {};
    const clustered = clusters.getTile(zoom, x, y);
    if (clustered) {
      for (const feature of clustered.features) {
        const tags = feature.tags as Partial<ClusterTags> | null;
        if (tags?.cluster) tags.expansion_zoom = clusters.getClusterExpansionZoom(tags.cluster_id!);
      }
      layers[CLUSTER_TILE_LAYER] = clustered;
    }
    const red = reds.getTile(zoom, x, y);
    if (red) layers[RED_TILE_LAYER] = red;
    if (!clustered && !red) return null;
    return fromGeojsonVt(layers as never, { version: 2, extent: CLUSTER_TILE_EXTENT });
  }

  /** Makes the index of these districts (or the city) now, if it is not up to date, so a request need not wait. */
  prepare(districts?: readonly string[]): void {
    this.indexesOf(districts);
  }

  private indexesOf(districts?: readonly string[]): Indexes {
    const key = districts && districts.length > 0 ? [...districts].sort().join(',') : 'city';
    const version = this.summaries.drawnVersion;
    const held = this.indexes.get(key);
    if (held?.version === version) return held;
    const points = [...this.summaries.drawn(districts && districts.length > 0 ? districts : undefined)];
    // the same distance on screen as MapLibre's own `clusterRadius` at 512-pixel tiles
    const radius = (CLUSTER_RADIUS_PX * CLUSTER_TILE_EXTENT) / 512;
    const indexes = {
      version,
      clusters: new Supercluster<ClusterPointTags, ClusterMix>({
        maxZoom: CLUSTER_MAX_ZOOM,
        radius,
        extent: CLUSTER_TILE_EXTENT,
        map: mixOf,
        reduce: addMix,
      }).load(points.filter(isClustered).map(toFeature)),
      reds: new Supercluster<ClusterPointTags>({ maxZoom: 0, minPoints: Number.MAX_SAFE_INTEGER, radius, extent: CLUSTER_TILE_EXTENT }).load(
        points.filter((p) => !isClustered(p)).map(toFeature),
      ),
    };
    this.indexes.delete(key);
    if (this.indexes.size >= MAX_INDEXES) this.indexes.delete(this.indexes.keys().next().value!);
    this.indexes.set(key, indexes);
    return indexes;
  }
}

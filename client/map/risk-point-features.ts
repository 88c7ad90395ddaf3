import type { RiskCategory, RiskPoint } from '../../shared/risk-points.ts';

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

/** How long a risk point changed live stays out of clusters, so a new item is seen. */
export const RECENT_CHANGE_MS = 10 * 60_000;

/**
 * Notes which points changed between two pictures (records are replaced, never mutated, so identity tells),
 * and forgets those noted longer ago than RECENT_CHANGE_MS. Returns the ids still recent.
 */
export function trackRecentChanges(
  recent: Map<string, number>,
  before: ReadonlyMap<string, RiskPoint> | null,
  after: ReadonlyMap<string, RiskPoint>,
  now: number,
): Set<string> {
  if (before)
    for (const [id, point] of after) if (before.get(id) !== point) recent.set(id, now);
  for (const [id, at] of recent) if (now - at > RECENT_CHANGE_MS || !after.has(id)) recent.delete(id);
  return new Set(recent.keys());
}

/**
 * Splits the points for the map: red ones and recently changed ones go to a source that is never clustered;
 * the rest are clustered. Features carry only what the layers draw, to keep the worker's copy small.
 */
export function riskPointFeatures(points: Iterable<RiskPoint>, recentIds: ReadonlySet<string>) {
  const clustered: GeoJSON.Feature[] = [];
  const priority: GeoJSON.Feature[] = [];
  for (const p of points) {
    const recent = recentIds.has(p.id);
    const feature: GeoJSON.Feature = {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: { id: p.id, level: p.level, glyph: CATEGORY_GLYPH[p.category], name: p.name, recent },
    };
    (p.level === 'red' || recent ? priority : clustered).push(feature);
  }
  return {
    clustered: { type: 'FeatureCollection', features: clustered } as GeoJSON.FeatureCollection,
    priority: { type: 'FeatureCollection', features: priority } as GeoJSON.FeatureCollection,
  };
}

import { polygonBounds } from '../../shared/geo.ts';

/** Bounds as MapLibre takes them: south-west and north-east corners. */
export type Bounds = [[number, number], [number, number]];

/** The bounds of each district outline, by GB/T 2260 code, for flying to a district. */
export function boundsByDistrict(collection: GeoJSON.FeatureCollection): Map<string, Bounds> {
  const out = new Map<string, Bounds>();
  for (const feature of collection.features) {
    const g = feature.geometry;
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
    const [minLon, minLat, maxLon, maxLat] = polygonBounds(g);
    out.set(String(feature.properties?.adcode), [[minLon, minLat], [maxLon, maxLat]]);
  }
  return out;
}

/** The bounds holding all of them: the whole of Jiujiang. */
export function unionBounds(all: Iterable<Bounds>): Bounds {
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [[a, b], [c, d]] of all) {
    minLon = Math.min(minLon, a);
    minLat = Math.min(minLat, b);
    maxLon = Math.max(maxLon, c);
    maxLat = Math.max(maxLat, d);
  }
  return [[minLon, minLat], [maxLon, maxLat]];
}

import { asPolygons, polygonBounds } from '../../shared/geo.ts';

/** Bounds as MapLibre takes them: south-west and north-east corners. */
export type Bounds = [[number, number], [number, number]];

/** The bounds of each district outline, by GB/T 2260 code, for flying to a district. */
export function boundsByDistrict(collection: GeoJSON.FeatureCollection): Map<string, Bounds> {
  const out = new Map<string, Bounds>();
  for (const feature of collection.features) {
    const g = feature.geometry;
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
    const [minLon, minLat, maxLon, maxLat] = polygonBounds(g);
    out.set(String(feature.properties?.adcode), [
      [minLon, minLat],
      [maxLon, maxLat],
    ]);
  }
  return out;
}

/** Each district's outline as polygons, by GB/T 2260 code; none for a code not on the map. */
export function outlinesOf(collection: GeoJSON.FeatureCollection): (code: string) => GeoJSON.Position[][][] {
  const outlines = new Map<string, GeoJSON.Position[][][]>();
  for (const feature of collection.features) {
    const g = feature.geometry;
    if (g.type === 'Polygon' || g.type === 'MultiPolygon') outlines.set(String(feature.properties?.adcode), asPolygons(g));
  }
  return (code) => outlines.get(code) ?? [];
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
  return [
    [minLon, minLat],
    [maxLon, maxLat],
  ];
}

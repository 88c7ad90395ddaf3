import { z } from 'zod';

/** WGS-84 longitude/latitude. Jiujiang lies near 114–117°E, 28.5–30.1°N; the schema only enforces the globe. */
export const lonSchema = z.number().finite().min(-180).max(180);
/** Said of a latitude beyond ±90 that would be a longitude: China's longitudes (73–135) are all beyond it. */
export const SWAPPED_LON_LAT = 'looks like a longitude: are longitude and latitude swapped?';
export const latSchema = z
  .number()
  .finite()
  .min(-90)
  .max(90, { error: (issue) => (typeof issue.input === 'number' && Math.abs(issue.input) <= 180 ? SWAPPED_LON_LAT : undefined) });

/** `minLon,minLat,maxLon,maxLat`, as in the OGC/GeoJSON bbox order. */
export const bboxSchema = z.string().transform((text, ctx) => {
  const parts = text.split(',').map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    ctx.addIssue({ code: 'custom', message: 'bbox must be minLon,minLat,maxLon,maxLat' });
    return z.NEVER;
  }
  const [minLon, minLat, maxLon, maxLat] = parts as [number, number, number, number];
  if (minLon > maxLon || minLat > maxLat) {
    ctx.addIssue({ code: 'custom', message: 'bbox minimum must not exceed maximum' });
    return z.NEVER;
  }
  return { minLon, minLat, maxLon, maxLat };
});
export type Bbox = z.output<typeof bboxSchema>;

export interface PointFeature<P> {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: P;
}

export function toPointFeature<T extends { id: string; lon: number; lat: number }>(record: T): PointFeature<T> {
  return { type: 'Feature', id: record.id, geometry: { type: 'Point', coordinates: [record.lon, record.lat] }, properties: record };
}

/** `[minLon, minLat, maxLon, maxLat]` of a polygon's outer rings. */
/** A polygon or multipolygon as a list of polygons. */
export const asPolygons = (geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): GeoJSON.Position[][][] =>
  geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;

export function polygonBounds(geometry: GeoJSON.Polygon | GeoJSON.MultiPolygon): [number, number, number, number] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons)
    for (const [lon, lat] of polygon[0] ?? []) {
      minLon = Math.min(minLon, lon!);
      minLat = Math.min(minLat, lat!);
      maxLon = Math.max(maxLon, lon!);
      maxLat = Math.max(maxLat, lat!);
    }
  return [minLon, minLat, maxLon, maxLat];
}

const KM_PER_DEGREE_LAT = 111.32;

/**
 * The ground rectangle of a satellite pixel centred on a detection, as a closed GeoJSON ring: `widthKm`
 * east–west, `heightKm` north–south. Orbits run close to north–south over China, so scan lies east–west.
 */
export function groundRectangle(lon: number, lat: number, widthKm: number, heightKm: number): [number, number][] {
  const dLat = heightKm / 2 / KM_PER_DEGREE_LAT;
  const dLon = widthKm / 2 / (KM_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180));
  return [
    [lon - dLon, lat - dLat],
    [lon + dLon, lat - dLat],
    [lon + dLon, lat + dLat],
    [lon - dLon, lat + dLat],
    [lon - dLon, lat - dLat],
  ];
}

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance between two points, in km. */
export function distanceKm(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

/** A circle on the ground as a closed ring of `steps` points: CAP circles (and evacuation rings) on the map. */
export function circleRing(lon: number, lat: number, radiusKm: number, steps = 48): [number, number][] {
  const dLat = radiusKm / KM_PER_DEGREE_LAT;
  const dLon = radiusKm / (KM_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180));
  const ring = Array.from({ length: steps }, (_, i): [number, number] => {
    const angle = (2 * Math.PI * i) / steps;
    return [lon + dLon * Math.cos(angle), lat + dLat * Math.sin(angle)];
  });
  return [...ring, ring[0]!];
}

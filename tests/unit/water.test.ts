import fs from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { distanceKm, polygonBounds } from '../../shared/geo.ts';

const DATA = path.resolve(import.meta.dirname, '../../shared/data');
const WATER_FILE = path.join(DATA, 'jiujiang-water.geojson');
/** Every screen downloads it, the wall included: a few hundred KB at most. */
const MAX_WATER_BYTES = 512 * 1024;

const text = fs.readFileSync(WATER_FILE, 'utf8');
const water = JSON.parse(text) as GeoJSON.FeatureCollection;
const districts = JSON.parse(fs.readFileSync(path.join(DATA, 'jiujiang-districts.geojson'), 'utf8')) as GeoJSON.FeatureCollection;
const polygons = water.features.filter((f): f is GeoJSON.Feature<GeoJSON.Polygon> => f.geometry.type === 'Polygon');
const rivers = water.features.filter((f): f is GeoJSON.Feature<GeoJSON.LineString> => f.geometry.type === 'LineString');

const at = (lon: number, lat: number) => ({ lon, lat });
/** Kilometres from a point to a line, on a plane tangent at the point (the distances here are a few km). */
function kmToLine(point: { lon: number; lat: number }, line: GeoJSON.Position[]): number {
  const kmPerDegLat = distanceKm(point, at(point.lon, point.lat + 1));
  const kmPerDegLon = distanceKm(point, at(point.lon + 1, point.lat));
  const xy = ([lon, lat]: GeoJSON.Position) => [(lon! - point.lon) * kmPerDegLon, (lat! - point.lat) * kmPerDegLat] as const;
  let nearest = Infinity;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = xy(line[i - 1]!);
    const [bx, by] = xy(line[i]!);
    const length2 = (bx - ax) ** 2 + (by - ay) ** 2;
    const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * (bx - ax) + ay * (by - ay)) / length2));
    nearest = Math.min(nearest, Math.hypot(ax + t * (bx - ax), ay + t * (by - ay)));
  }
  return nearest;
}
const waterAt = (lon: number, lat: number) => polygons.filter((f) => booleanPointInPolygon([lon, lat], f));
const nearestRiverKm = (lon: number, lat: number, rank?: number) =>
  Math.min(...rivers.filter((f) => rank === undefined || f.properties!.rank === rank).map((f) => kmToLine(at(lon, lat), f.geometry.coordinates)));

describe('the water drawn on every map (shared/data/jiujiang-water.geojson, from GSHHG)', () => {
  it('is a small GeoJSON FeatureCollection of lake polygons and ranked river lines', () => {
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_WATER_BYTES);
    expect(water.type).toBe('FeatureCollection');
    expect(polygons.length).toBeGreaterThan(5);
    expect(rivers.length).toBeGreaterThan(5);
    expect(polygons.length + rivers.length).toBe(water.features.length);
    for (const feature of polygons) {
      expect(['lake', 'river-lake']).toContain(feature.properties!.kind);
      for (const ring of feature.geometry.coordinates) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring.at(-1)).toEqual(ring[0]);
      }
    }
    for (const feature of rivers) {
      expect(feature.properties).toMatchObject({ kind: 'river', rank: expect.any(Number) });
      expect([1, 2, 3, 4]).toContain(feature.properties!.rank);
      expect(feature.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('covers the districts with a margin and stays inside its bbox', () => {
    const [west, south, east, north] = water.bbox as [number, number, number, number];
    for (const feature of districts.features) {
      const [minLon, minLat, maxLon, maxLat] = polygonBounds(feature.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon);
      expect(minLon).toBeGreaterThan(west);
      expect(minLat).toBeGreaterThan(south);
      expect(maxLon).toBeLessThan(east);
      expect(maxLat).toBeLessThan(north);
    }
    const outside = (text.match(/\[-?\d+(\.\d+)?,-?\d+(\.\d+)?\]/g) ?? [])
      .map((pair) => JSON.parse(pair) as [number, number])
      .filter(([lon, lat]) => lon < west || lon > east || lat < south || lat > north);
    expect(outside).toEqual([]);
  });

  it('has Poyang Lake and the Yangtze at Jiujiang as water, and the rivers where they run', () => {
    expect(waterAt(116.2, 29.1)).toHaveLength(1); // 鄱阳湖, off 都昌
    expect(waterAt(116.0, 29.75)).toHaveLength(1); // 长江 off 九江 city: GSHHG draws this reach by both banks
    expect(waterAt(116.0, 29.72)).toHaveLength(0); // 浔阳区 on the south bank is land
    expect(waterAt(115.5, 29.3)).toHaveLength(0); // the hills of 永修/德安
    expect(nearestRiverKm(113.9, 30.0, 1)).toBeLessThan(3); // 长江 at 嘉鱼 upstream, drawn as a major river (rank 1)
    expect(nearestRiverKm(115.8, 29.03)).toBeLessThan(1); // 修水 at 永修
    expect(nearestRiverKm(114.5, 29.03)).toBeLessThan(2); // 修水 at 修水县
  });
});

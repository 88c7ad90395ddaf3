import fs from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DistrictLocator } from '../../server/geo/district-locator.ts';
import type { DistrictCode } from '../../shared/districts.ts';
import { asPolygons, polygonBounds } from '../../shared/geo.ts';
import { seededRandom } from '../support/seeded-random.ts';

type Districts = FeatureCollection<Polygon | MultiPolygon, { adcode: string; name: string }>;

const jiujiang: Districts = JSON.parse(fs.readFileSync(new URL('../../shared/data/jiujiang-districts.geojson', import.meta.url), 'utf8'));

/** The locator as it was before the grid: every district in list order, box first, then turf. */
function bruteForce(collection: Districts): (lon: number, lat: number) => string | undefined {
  const districts = collection.features.map((feature) => ({ feature, bbox: polygonBounds(feature.geometry) }));
  return (lon, lat) => {
    for (const { feature, bbox } of districts) {
      const [minLon, minLat, maxLon, maxLat] = bbox;
      if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) continue;
      if (booleanPointInPolygon([lon, lat], feature)) return feature.properties.adcode;
    }
    return undefined;
  };
}

function randomPoints(random: () => number, count: number, [minLon, minLat, maxLon, maxLat]: number[]): [number, number][] {
  return Array.from({ length: count }, () => [minLon! + (maxLon! - minLon!) * random(), minLat! + (maxLat! - minLat!) * random()]);
}

/** The points on which the locator departs from the reference, as `lon,lat: locator ≠ reference` (none when it agrees). */
function disagreements(locator: DistrictLocator, points: Position[], expected: (string | undefined)[]): string[] {
  const found: string[] = [];
  points.forEach(([lon, lat], i) => {
    const got = locator.locate(lon!, lat!);
    if (got !== expected[i]) found.push(`${lon},${lat}: ${got} ≠ ${expected[i]}`);
  });
  return found;
}

const answers = (reference: (lon: number, lat: number) => string | undefined, points: Position[]) => points.map(([lon, lat]) => reference(lon!, lat!));

const square = (adcode: string, lon: number, lat: number, size: number, hole?: Position[]): Districts['features'][number] => ({
  type: 'Feature',
  properties: { adcode, name: adcode },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
      ...(hole ? [hole] : []),
    ],
  },
});

describe('the district locator on the Jiujiang outlines', () => {
  const locator = new DistrictLocator(jiujiang);
  const reference = bruteForce(jiujiang);
  const vertices = jiujiang.features.flatMap((f) => asPolygons(f.geometry).flat(2));
  const boxes = jiujiang.features.map((f) => polygonBounds(f.geometry));
  const [minLon, minLat] = [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1]))];
  const [maxLon, maxLat] = [Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];

  it('answers 200,000 random points as the list of districts does', { timeout: 60_000 }, () => {
    const random = seededRandom(2026);
    const margin = 0.05;
    // Half over the whole box and a little beyond; half over the city, where several districts meet, so that
    // many points fall in cells near edges that an earlier point has answered.
    const points = [
      ...randomPoints(random, 100_000, [minLon - margin, minLat - margin, maxLon + margin, maxLat + margin]),
      ...randomPoints(random, 100_000, [115.8, 29.5, 116.2, 29.8]),
    ];
    const expected = answers(reference, points);
    expect(disagreements(locator, points, expected)).toEqual([]);
    // Again from the other end: the cells are now answered by states the first pass left behind.
    expect(disagreements(locator, points.toReversed(), expected.toReversed())).toEqual([]);
    expect(expected.filter((code) => code !== undefined).length).toBeGreaterThan(50_000);
  });

  it('answers the outlines’ vertices and the midpoints of their edges as the list does', { timeout: 60_000 }, () => {
    const midpoints = jiujiang.features.flatMap((f) =>
      asPolygons(f.geometry).flatMap((polygon) =>
        polygon.flatMap((ring) => ring.slice(1).map(([lon, lat], i) => [(ring[i]![0]! + lon!) / 2, (ring[i]![1]! + lat!) / 2])),
      ),
    );
    for (const points of [vertices, midpoints]) expect(disagreements(locator, points, answers(reference, points))).toEqual([]);
  });

  it('counts a vertex as inside its own district or an earlier one', () => {
    const order = jiujiang.features.map((f) => f.properties.adcode);
    const rank = (code: string | undefined) => (code === undefined ? Infinity : order.indexOf(code));
    const misplaced = jiujiang.features.flatMap((feature, own) =>
      asPolygons(feature.geometry)
        .flat(2)
        .filter(([lon, lat]) => rank(locator.locate(lon!, lat!)) > own),
    );
    expect(misplaced).toEqual([]);
  });

  it('finds nothing outside the districts’ box, nor for a point that is not a number', () => {
    const outside = [
      [minLon - 1e-9, (minLat + maxLat) / 2],
      [maxLon + 1e-9, (minLat + maxLat) / 2],
      [(minLon + maxLon) / 2, minLat - 1e-9],
      [(minLon + maxLon) / 2, maxLat + 1e-9],
      [0, 0],
      [-115.9, -29.6],
      [Infinity, 29.6],
      [115.9, -Infinity],
      [NaN, 29.6],
      [115.9, NaN],
    ];
    for (const [lon, lat] of outside) expect(locator.locate(lon!, lat!)).toBeUndefined();
    expect(() => locator.require(0, 0)).toThrow(expect.objectContaining({ code: 'outside_region' }));
  });

  it('keeps each district’s box and outline', () => {
    for (const feature of jiujiang.features) {
      const code = feature.properties.adcode as DistrictCode;
      expect(locator.boundsOf(code)).toEqual(polygonBounds(feature.geometry));
      expect(locator.outline(code)).toEqual(asPolygons(feature.geometry));
    }
  });

  it('reads the outlines once per process', () => {
    expect(DistrictLocator.load()).toBe(DistrictLocator.load());
    expect(DistrictLocator.load().locate(115.990301, 29.727593)).toBe(reference(115.990301, 29.727593));
  });
});

describe('the district locator on hand-made squares', () => {
  // 360402 is [0,1]², 360403 is [1,2]×[0,1] beside it; 360404 is [4,5]×[0,1] with a hole [4.25,4.75]².
  const hole: Position[] = [
    [4.25, 0.25],
    [4.25, 0.75],
    [4.75, 0.75],
    [4.75, 0.25],
    [4.25, 0.25],
  ];
  const west = square('360402', 0, 0, 1);
  const east = square('360403', 1, 0, 1);
  const holed = square('360404', 4, 0, 1, hole);
  const collection = (...features: Districts['features']): Districts => ({ type: 'FeatureCollection', features });

  it('gives a point on the shared edge to the district listed first', () => {
    const westFirst = new DistrictLocator(collection(west, east, holed));
    const eastFirst = new DistrictLocator(collection(east, west, holed));
    for (const lat of [0, 0.25, 0.5, 1 / 3, 1]) {
      expect(westFirst.locate(1, lat)).toBe('360402');
      expect(eastFirst.locate(1, lat)).toBe('360403');
    }
    expect(westFirst.locate(1 - 1e-12, 0.5)).toBe('360402');
    expect(eastFirst.locate(1 - 1e-12, 0.5)).toBe('360402');
    expect(westFirst.locate(1 + 1e-12, 0.5)).toBe('360403');
  });

  it('counts the outer edges and a hole’s edges as inside, and the hole and the gap between as outside', () => {
    const locator = new DistrictLocator(collection(west, east, holed));
    expect(locator.locate(0, 0)).toBe('360402');
    expect(locator.locate(2, 1)).toBe('360403');
    expect(locator.locate(5, 0.5)).toBe('360404');
    expect(locator.locate(4.25, 0.5)).toBe('360404');
    expect(locator.locate(4.5, 0.75)).toBe('360404');
    expect(locator.locate(4.5, 0.5)).toBeUndefined();
    expect(locator.locate(3, 0.5)).toBeUndefined();
    expect(locator.locate(-1e-12, 0.5)).toBeUndefined();
    expect(locator.locate(5 + 1e-12, 0.5)).toBeUndefined();
  });

  it('answers random points, points on the edges and points on the grid’s lines as the list does', () => {
    const random = seededRandom(11);
    for (const features of [
      [west, east, holed],
      [holed, east, west],
    ]) {
      const locator = new DistrictLocator(collection(...features));
      const points = [
        ...randomPoints(random, 20_000, [-0.5, -0.5, 5.5, 1.5]),
        ...Array.from({ length: 2_000 }, () => [[0, 1, 2, 4, 4.25, 4.75, 5][Math.floor(random() * 7)]!, random()]),
        ...Array.from({ length: 2_000 }, () => [random() * 5, [0, 0.25, 0.75, 1][Math.floor(random() * 4)]!]),
        ...Array.from({ length: 2_000 }, () => [Math.round(random() * 5 * 64) / 64, Math.round(random() * 64) / 64]),
      ];
      expect(disagreements(locator, points, answers(bruteForce(collection(...features)), points))).toEqual([]);
    }
  });

  it('answers as turf does where turf reads an outline oddly', () => {
    // turf also tests a feature's own bbox member, counts a ring lying outside the outer ring, and walks a ring
    // whose ends share one coordinate without closing it.
    const cut = { ...square('360425', 6, 0, 1), bbox: [6, 0, 6.5, 0.75] as [number, number, number, number] };
    const stray = square('360423', 8, 0, 1, [
      [8.5, 1.5],
      [9.5, 1.5],
      [9.5, 2],
      [8.5, 1.5],
    ]);
    const open = square('360424', 10, 0, 1);
    open.geometry.coordinates[0]!.splice(-1, 1, [10, 0.5]);
    const locator = new DistrictLocator(collection(west, cut, stray));
    expect(locator.locate(6.25, 0.5)).toBe('360425');
    expect(locator.locate(6.75, 0.5)).toBeUndefined();
    expect(locator.locate(6.25, 0.9)).toBeUndefined();
    expect(locator.locate(9, 1.75)).toBeUndefined();
    const random = seededRandom(13);
    // A ring left open is tested everywhere, so it gets a collection of its own, where it cannot hide the others.
    for (const features of [
      [west, cut, stray],
      [stray, cut, west],
      [west, open],
    ]) {
      const points = [
        ...randomPoints(random, 20_000, [-0.5, -0.5, 11.5, 2.5]),
        ...Array.from({ length: 2_000 }, () => [[6, 6.5, 7, 10, 11][Math.floor(random() * 5)]!, random()]),
        ...Array.from({ length: 2_000 }, () => [6 + random() * 5, [0, 0.5, 0.75, 1][Math.floor(random() * 4)]!]),
      ];
      const reference = bruteForce(collection(...features));
      expect(disagreements(new DistrictLocator(collection(...features)), points, answers(reference, points))).toEqual([]);
    }
  });
});

import fs from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { type DistrictCode, districtCodeSchema } from '../../shared/districts.ts';
import { asPolygons, polygonBounds } from '../../shared/geo.ts';
import { ApiError } from '../errors.ts';

type DistrictFeature = Feature<Polygon | MultiPolygon, { adcode: string; name: string }>;

interface IndexedDistrict {
  code: DistrictCode;
  feature: DistrictFeature;
  bbox: [number, number, number, number];
}

const BOUNDARIES_URL = new URL('../../shared/data/jiujiang-districts.geojson', import.meta.url);

/** Point-in-polygon against the 13 district outlines, with a bounding-box test first. */
export class DistrictLocator {
  private readonly districts: IndexedDistrict[];

  constructor(collection: FeatureCollection<Polygon | MultiPolygon, { adcode: string; name: string }>) {
    this.districts = collection.features.map((feature) => ({
      code: districtCodeSchema.parse(feature.properties.adcode),
      feature,
      bbox: polygonBounds(feature.geometry),
    }));
  }

  static load(): DistrictLocator {
    return new DistrictLocator(JSON.parse(fs.readFileSync(BOUNDARIES_URL, 'utf8')));
  }

  /** The district holding the point, or undefined outside Jiujiang. */
  locate(lon: number, lat: number): DistrictCode | undefined {
    for (const d of this.districts) {
      const [minLon, minLat, maxLon, maxLat] = d.bbox;
      if (lon < minLon || lon > maxLon || lat < minLat || lat > maxLat) continue;
      if (booleanPointInPolygon([lon, lat], d.feature)) return d.code;
    }
    return undefined;
  }

  /** The district holding the point; a location outside Jiujiang is refused. */
  require(lon: number, lat: number): DistrictCode {
    const district = this.locate(lon, lat);
    if (!district) throw new ApiError('outside_region', 'the location lies outside Jiujiang', { lon, lat });
    return district;
  }

  /** The district's outline as polygons (a district may have islands); none for an unknown code. */
  outline(code: string): GeoJSON.Position[][][] {
    const geometry = this.districts.find((d) => d.code === code)?.feature.geometry;
    return geometry ? asPolygons(geometry) : [];
  }

  boundsOf(code: DistrictCode): [number, number, number, number] {
    const found = this.districts.find((d) => d.code === code);
    if (!found) throw new Error(`unknown district ${code}`);
    return found.bbox;
  }
}

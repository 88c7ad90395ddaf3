import fs from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { z } from 'zod';
import { distanceKm } from '../../shared/geo.ts';

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/**
 * A known industrial heat source (steelworks, refinery flares, cement kilns, power stations): a point with a
 * radius, or an outline. Satellites see these every night; they are flagged, not alarmed.
 */
const heatSourceSchema = z.object({
  type: z.literal('Feature'),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Point'), coordinates: position }),
    z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position).min(4)).min(1) }),
  ]),
  properties: z.object({ name: z.string().trim().min(1).max(120), radiusKm: z.number().positive().max(20).default(1) }),
});
const maskSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(heatSourceSchema) });
type HeatSource = z.infer<typeof heatSourceSchema>;

/** The configured mask of known industrial heat sources. */
export class HeatSourceMask {
  private constructor(private readonly sources: readonly HeatSource[]) {}

  static readonly none = new HeatSourceMask([]);

  /** Reads a GeoJSON FeatureCollection; a file that is not one stops the server with the reason. */
  static load(file: string): HeatSourceMask {
    const parsed = maskSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`heat source mask ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return new HeatSourceMask(parsed.data.features);
  }

  get size(): number {
    return this.sources.length;
  }

  /** The name of the heat source covering the point, or null. */
  match(lon: number, lat: number): string | null {
    for (const { geometry, properties } of this.sources) {
      const inside =
        geometry.type === 'Point'
          ? distanceKm({ lon, lat }, { lon: geometry.coordinates[0], lat: geometry.coordinates[1] }) <= properties.radiusKm
          : booleanPointInPolygon([lon, lat], geometry);
      if (inside) return properties.name;
    }
    return null;
  }
}

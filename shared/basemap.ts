import { z } from 'zod';
import { reportingRulesSchema } from './incidents.ts';

/**
 * A basemap drawn under the command layers, from configuration: XYZ raster tiles, a MapLibre style, or a
 * PMTiles archive (a single file a bureau can keep on its own network). The offline style needs none.
 */
export const basemapSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('raster'), tiles: z.string() }),
  z.object({ kind: z.literal('style'), url: z.string() }),
  z.object({ kind: z.literal('pmtiles'), url: z.string() }),
]);
export type Basemap = z.infer<typeof basemapSchema>;

/**
 * How the wall display moves on its own: how long it stays on a new red event or fire alert, and the tour of
 * the districts when nothing happens (a step every `tourStepSeconds` once `tourAfterSeconds` passed quietly;
 * 0 turns the tour off).
 */
export const wallRulesSchema = z.object({
  focusSeconds: z.number().int().min(1),
  tourStepSeconds: z.number().int().min(0),
  tourAfterSeconds: z.number().int().min(0),
});
export type WallRules = z.infer<typeof wallRulesSchema>;

/** What a screen asks of the server before it draws: `GET /api/screen-config`. */
export const screenConfigSchema = z.object({
  basemap: basemapSchema.nullable(),
  reporting: reportingRulesSchema,
  wall: wallRulesSchema,
  /** How long a screen keeps finished records after their last change (a wall runs for weeks). */
  keepFinishedMinutes: z.number().int().min(1),
});
export type ScreenConfig = z.infer<typeof screenConfigSchema>;

/** Where the server serves a local PMTiles archive named by BASEMAP. */
export const LOCAL_PMTILES_PATH = '/basemap.pmtiles';

/**
 * Reads the BASEMAP setting: a URL template with {z}/{x}/{y} is raster tiles; anything ending in .pmtiles
 * an archive (a local file is served at LOCAL_PMTILES_PATH); any other URL a style document.
 */
export function basemapFromSetting(setting: string): Basemap {
  const value = setting.trim();
  if (/\.pmtiles$/i.test(value)) return { kind: 'pmtiles', url: /^https?:\/\//i.test(value) ? value : LOCAL_PMTILES_PATH };
  if (value.includes('{z}')) return { kind: 'raster', tiles: value };
  return { kind: 'style', url: value };
}

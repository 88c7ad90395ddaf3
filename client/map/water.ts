import waterUrl from '../../shared/data/jiujiang-water.geojson?url';
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';

/**
 * The Yangtze, Poyang Lake and the region's other lakes and rivers, derived once from GSHHG by
 * scripts/derive-water.mjs and shipped with the app: every map draws them, offline. GSHHG names no feature,
 * so there are no water labels.
 */
export const WATER_SOURCE_ID = 'water';

/** Calm and darker than the district lines and the blue risk level, so that water never reads as a command layer. */
export const WATER_COLOR = '#1b5b88';
export const RIVER_COLOR = '#2f80b8';

/** Opaque enough to read on the dark ground; over a basemap, which has its own water, half as much. */
export const waterFillOpacity = (overBasemap: boolean) => (overBasemap ? 0.45 : 0.9);

/** WDBII river ranks, 1 the major rivers to 4 the minor ones, as line widths at the city view (zoom 8) and close up (zoom 12). */
const riverWidth = ([major, additional, other, minor]: [number, number, number, number]): ExpressionSpecification => [
  'match',
  ['get', 'rank'],
  1,
  major,
  2,
  additional,
  3,
  other,
  minor,
];

/**
 * One source for all of it. MapLibre's worker fetches and parses the file itself (nothing on the main thread),
 * and a file that fails to load only leaves the water out.
 */
export function waterSource(base: string): StyleSpecification['sources'][string] {
  return { type: 'geojson', data: new URL(waterUrl, base).href, attribution: '水系 © GSHHG, Wessel & Smith (LGPL)' };
}

/** Two layers: lakes and wide river reaches as fills, rivers as lines by rank. */
export function waterLayers(overBasemap: boolean): LayerSpecification[] {
  return [
    {
      id: 'water-fill',
      type: 'fill',
      source: WATER_SOURCE_ID,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': WATER_COLOR, 'fill-opacity': waterFillOpacity(overBasemap) },
    },
    {
      id: 'water-river',
      type: 'line',
      source: WATER_SOURCE_ID,
      filter: ['==', ['geometry-type'], 'LineString'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': RIVER_COLOR,
        'line-opacity': 0.85,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, riverWidth([2.2, 1.6, 1.2, 0.9]), 12, riverWidth([5, 3.5, 2.5, 1.8])],
      },
    },
  ];
}

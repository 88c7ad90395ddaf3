import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import fontCss from '@fontsource/noto-sans-sc/400.css?raw';
import { DISTRICTS } from '../../shared/districts.ts';
import { DISTRICT_FILL_COLOR, DISTRICT_LABEL_COLOR, DISTRICT_LINE_COLOR, DISTRICT_SELECTED_COLOR, GROUND_COLOR } from '../ui/palette.ts';
import type { BasemapPart } from './basemap.ts';
import { expr } from './expression.ts';
import { WATER_SOURCE_ID, waterLayers, waterSource } from './water.ts';

export type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
export { expr } from './expression.ts';

/** The font every label is drawn with; shipped with the app, so no glyph server is needed. */
export const LABEL_FONT = ['Noto Sans SC'];

const fontFiles = import.meta.glob('../../node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-[0-9]*-400-normal.woff2', {
  query: '?url',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/**
 * The style's `font-faces`: one entry per subset file of Noto Sans SC with its unicode range, read from
 * the package's own CSS. MapLibre fetches a subset only when a label needs one of its characters.
 */
export function fontFaces(base: string) {
  const byName = new Map(Object.entries(fontFiles).map(([path, url]) => [path.split('/').pop()!, new URL(url, base).href]));
  const faces: { url: string; 'unicode-range': string[] }[] = [];
  for (const block of fontCss.split('@font-face').slice(1)) {
    const file = /files\/([^)]+\.woff2)/.exec(block)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    const url = file && byName.get(file);
    if (url && range) faces.push({ url, 'unicode-range': range.split(',').map((r) => r.trim().toUpperCase().replace(/^U\+/, 'U+')) });
  }
  return { [LABEL_FONT[0]!]: faces };
}

/** Whether a CSS unicode-range ("U+4E00-4E5A", "U+FF0C") holds one of these code points. */
const rangeHolds = (range: string, points: readonly number[]) => {
  const [from, to = from] = range
    .replace('U+', '')
    .split('-')
    .map((hex) => parseInt(hex, 16)) as [number, number?];
  return points.some((p) => p >= from && p <= to!);
};

/**
 * Starts downloading the font subsets the first picture's labels need (district names, category glyphs,
 * cluster counts) while the data is still on its way: MapLibre would ask for them only once its worker has
 * laid the labels out, and then finds them in the HTTP cache.
 */
export function prefetchLabelFonts(base: string, text: string): void {
  const points = [...new Set(text)].map((c) => c.codePointAt(0)!);
  for (const face of fontFaces(base)[LABEL_FONT[0]!]!)
    if (face['unicode-range'].some((range) => rangeHolds(range, points))) void fetch(face.url).catch(() => undefined);
}

export const DISTRICT_LABELS: GeoJSON.FeatureCollection = {
  type: 'FeatureCollection',
  features: DISTRICTS.map((d) => ({
    type: 'Feature',
    id: Number(d.code),
    properties: { code: d.code, name: d.name, nameEn: d.nameEn },
    geometry: { type: 'Point', coordinates: [...d.center] },
  })),
};

/** Districts are nearly opaque on the dark ground and let a basemap show through when there is one. */
export const districtFillOpacity = (overBasemap: boolean) => expr('case', ['boolean', ['feature-state', 'hover'], false], 0.95, overBasemap ? 0.35 : 0.8);

/**
 * The offline command style: a dark ground, the 13 districts, the lakes and rivers over them (under the
 * outlines) and the districts' names. Everything else is added by the layer components, above all of it. An
 * optional basemap goes between the ground and the districts, which then let it show through.
 */
export function offlineStyle(base: string, boundaries: GeoJSON.FeatureCollection, basemap: BasemapPart | null = null): StyleSpecification {
  const layers: LayerSpecification[] = [{ id: 'background', type: 'background', paint: { 'background-color': GROUND_COLOR } }];
  if (basemap) layers.push(...basemap.layers);
  layers.push(
    {
      id: 'district-fill',
      type: 'fill',
      source: 'districts',
      paint: {
        'fill-color': ['case', ['boolean', ['feature-state', 'selected'], false], DISTRICT_SELECTED_COLOR, DISTRICT_FILL_COLOR],
        'fill-opacity': districtFillOpacity(basemap !== null),
      },
    },
    ...waterLayers(basemap !== null),
    { id: 'district-line', type: 'line', source: 'districts', paint: { 'line-color': DISTRICT_LINE_COLOR, 'line-width': 1.2, 'line-opacity': 0.9 } },
    {
      id: 'district-label',
      type: 'symbol',
      source: 'district-labels',
      layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 15, 'text-allow-overlap': false },
      paint: { 'text-color': DISTRICT_LABEL_COLOR, 'text-halo-color': GROUND_COLOR, 'text-halo-width': 1.5 },
    },
  );
  return {
    version: 8,
    name: 'onemap-command-dark',
    'font-faces': fontFaces(base),
    ...(basemap?.glyphs ? { glyphs: basemap.glyphs } : {}),
    sources: {
      districts: { type: 'geojson', data: boundaries, promoteId: 'adcode' },
      'district-labels': { type: 'geojson', data: DISTRICT_LABELS },
      [WATER_SOURCE_ID]: waterSource(base),
      ...basemap?.sources,
    },
    layers,
  } as StyleSpecification;
}

import { useEffect } from 'react';
import type { ChunkedMap } from '../../shared/chunked-map.ts';
import { areaShapes, inForce, type PolygonRings, type Warning } from '../../shared/warnings.ts';
import { SEVERITY_COLOR } from '../ui/palette.ts';
import { addGeoJsonLayers, setLayersVisible, setSourceData } from './geojson-source.ts';
import { useMapHandle } from './map-context.ts';
import { expr, type LayerSpecification } from './map-style.ts';

const severityColor = expr('match', ['get', 'severity'], ...Object.entries(SEVERITY_COLOR).flat(), SEVERITY_COLOR.Unknown);

const LAYERS: LayerSpecification[] = [
  { id: 'warning-fill', type: 'fill', source: 'warnings', paint: { 'fill-color': severityColor, 'fill-opacity': 0.18 } },
  { id: 'warning-line', type: 'line', source: 'warnings', paint: { 'line-color': severityColor, 'line-width': 2, 'line-dasharray': [3, 2] } },
];
/** Every layer the warnings draw: the legend is checked against these. */
export const WARNING_LAYERS: readonly LayerSpecification[] = LAYERS;
export const WARNING_LAYER_IDS = LAYERS.map((l) => l.id);

function features(warnings: ChunkedMap<Warning>, districtOutline: (code: string) => PolygonRings[]): GeoJSON.FeatureCollection {
  const out: GeoJSON.Feature[] = [];
  for (const w of warnings.values()) {
    if (!inForce(w)) continue;
    const properties = { id: w.id, severity: w.severity, event: w.event };
    for (const area of w.areas) out.push({ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: areaShapes(area, districtOutline) }, properties });
  }
  return { type: 'FeatureCollection', features: out };
}

/** CAP warnings as areas on the map, coloured by severity, beneath the risk points and fire alerts. */
export function WarningLayers({ warnings, visible }: { warnings: ChunkedMap<Warning>; visible: boolean }) {
  const { map, districtOutline } = useMapHandle();
  useEffect(() => addGeoJsonLayers(map, 'warnings', {}, LAYERS), [map]);
  useEffect(() => setSourceData(map, 'warnings', features(warnings, districtOutline)), [map, warnings, districtOutline]);
  useEffect(() => setLayersVisible(map, WARNING_LAYER_IDS, visible), [map, visible]);
  return null;
}

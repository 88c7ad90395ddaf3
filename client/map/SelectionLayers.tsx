import { useEffect } from 'react';
import type { LiveState } from '../../shared/sync.ts';
import { useLive } from '../realtime/LiveProvider.tsx';
import type { LiveView } from '../realtime/live-store.ts';
import { SELECTION_HALO_COLOR, SELECTION_RING_COLOR } from '../ui/palette.ts';
import { addGeoJsonLayers, setSourceData } from './geojson-source.ts';
import { useMapHandle } from './map-context.ts';
import { expr, type LayerSpecification } from './map-style.ts';

/** Wider than a red point at zoom 13 (10 px) and a fire alert's flame (15 px): the ring goes around, not over. */
const ringRadius = expr('interpolate', ['linear'], ['zoom'], 7, 13, 13, 21);

/**
 * A white ring inside a black one: one of the two stands out on any fill, a red point, a yellow warning area
 * or satellite imagery.
 */
export const SELECTION_LAYERS: readonly LayerSpecification[] = [
  {
    id: 'selection-halo',
    type: 'circle',
    source: 'selection',
    paint: {
      'circle-radius': ringRadius,
      'circle-opacity': 0,
      'circle-stroke-color': SELECTION_HALO_COLOR,
      'circle-stroke-width': 7,
      'circle-stroke-opacity': 0.75,
    },
  },
  {
    id: 'selection-ring',
    type: 'circle',
    source: 'selection',
    paint: { 'circle-radius': ringRadius, 'circle-opacity': 0, 'circle-stroke-color': SELECTION_RING_COLOR, 'circle-stroke-width': 3 },
  },
];

/** Where the selected record is now (it may have moved since it was clicked); null when it is gone. */
export function selectedPlace(live: LiveState | null, selected: LiveView['selected']): { lon: number; lat: number } | null {
  if (!live || !selected) return null;
  const record = selected.kind === 'riskPoint' ? live.riskPoints.get(selected.id) : live.fireAlerts.get(selected.id);
  return record ? { lon: record.lon, lat: record.lat } : null;
}

/** The ring around whatever the drawer shows (the desk's selection, or the presenter's in a consultation), above every layer. */
export function SelectionLayers({ live }: { live: LiveState | null }) {
  const { map } = useMapHandle();
  const selected = useLive((v) => v.selected);
  useEffect(() => addGeoJsonLayers(map, 'selection', {}, [...SELECTION_LAYERS]), [map]);
  const place = selectedPlace(live, selected);
  const lon = place?.lon;
  const lat = place?.lat;
  const id = selected?.id;
  useEffect(() => {
    const features: GeoJSON.Feature[] =
      lon === undefined || lat === undefined ? [] : [{ type: 'Feature', geometry: { type: 'Point', coordinates: [lon, lat] }, properties: { id } }];
    setSourceData(map, 'selection', { type: 'FeatureCollection', features });
  }, [map, id, lon, lat]);
  return null;
}

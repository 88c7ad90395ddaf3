import { Marker } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { type FireAlert, isActiveFireAlert, needsAttention } from '../../shared/fire-alerts.ts';
import { groundRectangle } from '../../shared/geo.ts';
import { newestFirst } from '../fire-alerts/figures.ts';
import { FIRE_STATUS_COLOR } from '../ui/palette.ts';
import { addGeoJsonLayers, setLayersVisible, setSourceData } from './geojson-source.ts';
import { useMapHandle } from './map-context.ts';
import { expr, type LayerSpecification } from './map-style.ts';

const statusColor = expr('match', ['get', 'status'], ...Object.entries(FIRE_STATUS_COLOR).flat(), '#ff2d2d');

const FOOTPRINT_LAYERS: LayerSpecification[] = [
  { id: 'fire-footprint-fill', type: 'fill', source: 'fire-footprints', paint: { 'fill-color': statusColor, 'fill-opacity': 0.3 } },
  { id: 'fire-footprint-line', type: 'line', source: 'fire-footprints', paint: { 'line-color': statusColor, 'line-width': 1.5 } },
];

const LAYERS: LayerSpecification[] = [
  {
    id: 'fire-alert-dot',
    type: 'circle',
    source: 'fire-alerts',
    paint: {
      'circle-color': statusColor,
      'circle-radius': ['case', ['get', 'active'], 8, 5],
      'circle-stroke-color': '#fff3e0',
      'circle-stroke-width': ['case', ['get', 'active'], 2, 0.5],
    },
  },
];

export const FIRE_ALERT_LAYER_IDS = [...FOOTPRINT_LAYERS, ...LAYERS].map((l) => l.id);
export const FIRE_ALERT_CLICKABLE = ['fire-alert-dot'];

/** Satellite detections whose pixel size is known, drawn as the ground their pixel covers. */
function footprints(alerts: ReadonlyMap<string, FireAlert>): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const a of alerts.values()) {
    if (!a.footprint) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [groundRectangle(a.lon, a.lat, a.footprint.scanKm, a.footprint.trackKm)] },
      properties: { id: a.id, status: a.status },
    });
  }
  return { type: 'FeatureCollection', features };
}

function features(alerts: ReadonlyMap<string, FireAlert>): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [...alerts.values()].map((a) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [a.lon, a.lat] },
      properties: { id: a.id, status: a.status, active: isActiveFireAlert(a.status), source: a.source },
    })),
  };
}

/** Pulses beyond this many newest untaken alerts add no information, only work for the compositor. */
const MAX_PULSES = 12;

/** The untaken alerts that pulse: the newest MAX_PULSES. */
function pulsing(alerts: ReadonlyMap<string, FireAlert>, visible: boolean): Map<string, FireAlert> {
  if (!visible) return new Map();
  const untaken = [...alerts.values()].filter(needsAttention);
  return new Map(
    newestFirst(untaken)
      .slice(0, MAX_PULSES)
      .map((a) => [a.id, a]),
  );
}

/**
 * Untaken alerts pulse as DOM markers animated by CSS: the compositor draws the rings, whereas pulsing a map
 * layer repaints the whole WebGL map several times a second, which on a wall PC without a real GPU takes
 * all of its time.
 */
function usePulseMarkers(alerts: ReadonlyMap<string, FireAlert>, visible: boolean) {
  const { map } = useMapHandle();
  const markers = useRef(new Map<string, Marker>());

  useEffect(() => {
    const shown = markers.current;
    const wanted = pulsing(alerts, visible);
    for (const [id, marker] of shown) {
      if (wanted.has(id)) continue;
      marker.remove();
      shown.delete(id);
    }
    for (const alert of wanted.values()) {
      if (shown.has(alert.id)) continue;
      const ring = document.createElement('div');
      ring.className = 'fire-pulse';
      shown.set(alert.id, new Marker({ element: ring }).setLngLat([alert.lon, alert.lat]).addTo(map));
    }
  }, [map, alerts, visible]);

  useEffect(() => {
    const shown = markers.current;
    return () => {
      for (const marker of shown.values()) marker.remove();
      shown.clear();
    };
  }, [map]);
}

export function FireAlertLayers({ alerts, visible }: { alerts: ReadonlyMap<string, FireAlert>; visible: boolean }) {
  const { map } = useMapHandle();
  useEffect(() => {
    const removeFootprints = addGeoJsonLayers(map, 'fire-footprints', {}, FOOTPRINT_LAYERS);
    const removeAlerts = addGeoJsonLayers(map, 'fire-alerts', {}, LAYERS);
    return () => {
      removeAlerts();
      removeFootprints();
    };
  }, [map]);
  useEffect(() => {
    setSourceData(map, 'fire-footprints', footprints(alerts));
    setSourceData(map, 'fire-alerts', features(alerts));
  }, [map, alerts]);
  useEffect(() => setLayersVisible(map, FIRE_ALERT_LAYER_IDS, visible), [map, visible]);
  usePulseMarkers(alerts, visible);
  return null;
}

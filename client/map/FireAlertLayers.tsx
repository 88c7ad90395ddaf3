import { useEffect } from 'react';
import { type FireAlert, isActiveFireAlert } from '../../shared/fire-alerts.ts';
import { FIRE_STATUS_COLOR } from '../ui/palette.ts';
import { addGeoJsonLayers, setLayersVisible, setSourceData } from './geojson-source.ts';
import { useMapHandle } from './map-context.ts';
import { expr, type LayerSpecification } from './map-style.ts';

/** The pulse of untaken alerts: a few steps a second is enough to catch the eye and costs little. */
const PULSE_STEP_MS = 100;
const PULSE_PERIOD_MS = 1400;

const statusColor = expr('match', ['get', 'status'], ...Object.entries(FIRE_STATUS_COLOR).flat(), '#ff2d2d');

const LAYERS: LayerSpecification[] = [
  {
    id: 'fire-alert-pulse',
    type: 'circle',
    source: 'fire-alerts',
    filter: ['==', ['get', 'status'], 'new'],
    paint: {
      'circle-color': '#ff2d2d',
      'circle-opacity': 0.35,
      'circle-radius': 14,
      'circle-blur': 0.4,
      // each pulse step is drawn as set: a transition would keep the map busy and it would never go idle
      'circle-radius-transition': { duration: 0 },
      'circle-opacity-transition': { duration: 0 },
    },
  },
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

export const FIRE_ALERT_LAYER_IDS = LAYERS.map((l) => l.id);
export const FIRE_ALERT_CLICKABLE = ['fire-alert-dot'];

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

export function FireAlertLayers({ alerts, visible }: { alerts: ReadonlyMap<string, FireAlert>; visible: boolean }) {
  const { map } = useMapHandle();

  useEffect(() => {
    const remove = addGeoJsonLayers(map, 'fire-alerts', {}, LAYERS);
    const timer = setInterval(() => {
      const phase = (Date.now() % PULSE_PERIOD_MS) / PULSE_PERIOD_MS;
      map.setPaintProperty('fire-alert-pulse', 'circle-radius', 10 + 16 * phase);
      map.setPaintProperty('fire-alert-pulse', 'circle-opacity', 0.55 * (1 - phase));
    }, PULSE_STEP_MS);
    return () => {
      clearInterval(timer);
      remove();
    };
  }, [map]);

  useEffect(() => setSourceData(map, 'fire-alerts', features(alerts)), [map, alerts]);
  useEffect(() => setLayersVisible(map, FIRE_ALERT_LAYER_IDS, visible), [map, visible]);
  return null;
}

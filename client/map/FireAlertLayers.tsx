import { type Map as MapLibreMap, Marker } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { type FireAlert, isActiveFireAlert, needsAttention } from '../../shared/fire-alerts.ts';
import { groundRectangle } from '../../shared/geo.ts';
import { newestFirst } from '../fire-alerts/figures.ts';
import { FIRE_PHASE_COLOR, FIRE_PHASE_OF, FIRE_PHASES, GROUND_COLOR, HEAT_SOURCE_COLOR } from '../ui/palette.ts';
import { ALL_FIRE_ICONS, drawIconImage, fireIconExpression } from './fire-symbols.ts';
import { addGeoJsonLayers, setLayersVisible, setSourceData } from './geojson-source.ts';
import { useMapHandle } from './map-context.ts';
import { expr, type LayerSpecification } from './map-style.ts';
import { FADE_STEP_MS, RECENT_CHANGE_MS, recentMarkLayer, recentMarkOpacity } from './recent-marks.ts';

const phaseColor = expr('match', ['get', 'phase'], ...FIRE_PHASES.flatMap((p) => [p, FIRE_PHASE_COLOR[p]]), FIRE_PHASE_COLOR.new);

const FOOTPRINT_LAYERS: LayerSpecification[] = [
  { id: 'fire-footprint-fill', type: 'fill', source: 'fire-footprints', paint: { 'fill-color': phaseColor, 'fill-opacity': 0.3 } },
  { id: 'fire-footprint-line', type: 'line', source: 'fire-footprints', paint: { 'line-color': phaseColor, 'line-width': 1.5 } },
];

const LAYERS: LayerSpecification[] = [
  // beneath the flames: the fading mark of an alert that changed in the last minutes
  recentMarkLayer('fire-recent-mark', 'fire-alerts', 17, ['>', ['get', 'fade'], 0]),
  {
    // the plate: a dark disc rimmed in the phase's colour, on the map as soon as the alert is (the flame is a
    // symbol, which the map lays out a moment later), and the target a click or hover finds
    id: 'fire-alert-dot',
    type: 'circle',
    source: 'fire-alerts',
    paint: {
      'circle-color': GROUND_COLOR,
      'circle-opacity': 0.85,
      'circle-radius': ['case', ['get', 'active'], 13, 9],
      'circle-stroke-color': ['case', ['get', 'heatSource'], HEAT_SOURCE_COLOR, phaseColor],
      'circle-stroke-width': ['case', ['get', 'active'], 2.5, 1.5],
    },
  },
  {
    // on the plate, a flame in its phase's colour (a square for a known heat source); the ones still to act on larger
    id: 'fire-alert-icon',
    type: 'symbol',
    source: 'fire-alerts',
    layout: {
      'icon-image': fireIconExpression(),
      'icon-size': ['case', ['get', 'active'], 0.8, 0.58],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      // an alert to act on is drawn above one that is over
      'symbol-sort-key': ['case', ['get', 'active'], 1, 0],
    },
  },
];

/** Every layer the fire alerts draw, in drawing order: the legend is checked against these. */
export const FIRE_ALERT_LAYERS: readonly LayerSpecification[] = [...FOOTPRINT_LAYERS, ...LAYERS];
export const FIRE_ALERT_LAYER_IDS = FIRE_ALERT_LAYERS.map((l) => l.id);
export const FIRE_ALERT_CLICKABLE = ['fire-alert-dot'];

/** Satellite detections whose pixel size is known, drawn as the ground their pixel covers. */
function footprints(alerts: ReadonlyMap<string, FireAlert>): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = [];
  for (const a of alerts.values()) {
    if (!a.footprint) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [groundRectangle(a.lon, a.lat, a.footprint.scanKm, a.footprint.trackKm)] },
      properties: { id: a.id, status: a.status, phase: FIRE_PHASE_OF[a.status] },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** The alerts as drawn at `now`: phase, whether still to act on, heat source, and the fade of a recent change. */
function features(alerts: ReadonlyMap<string, FireAlert>, now: number): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [...alerts.values()].map((a) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [a.lon, a.lat] },
      properties: {
        id: a.id,
        status: a.status,
        phase: FIRE_PHASE_OF[a.status],
        active: isActiveFireAlert(a.status),
        source: a.source,
        heatSource: a.heatSource !== null,
        fade: recentMarkOpacity(now - Date.parse(a.updatedAt)),
      },
    })),
  };
}

/**
 * Moves on once a fade step while an alert changed in the last minutes, so their marks are drawn again a
 * little fainter; holds still when none did (no redraw for nothing).
 */
function useFadeTick(alerts: ReadonlyMap<string, FireAlert>): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let newest = -Infinity;
    for (const a of alerts.values()) newest = Math.max(newest, Date.parse(a.updatedAt));
    if (!(Date.now() - newest < RECENT_CHANGE_MS)) return;
    const timer = setInterval(() => {
      setTick((t) => t + 1);
      if (Date.now() - newest >= RECENT_CHANGE_MS) clearInterval(timer);
    }, FADE_STEP_MS);
    return () => clearInterval(timer);
  }, [alerts]);
  return tick;
}

/** Adds the alerts' icons to the map, drawn once per map. */
function addIcons(map: MapLibreMap) {
  for (const icon of ALL_FIRE_ICONS) {
    if (map.hasImage(icon.id)) continue;
    const { image, pixelRatio } = drawIconImage(icon);
    map.addImage(icon.id, image, { pixelRatio });
  }
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
      ring.style.setProperty('--pulse-color', FIRE_PHASE_COLOR.new);
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
  const fadeTick = useFadeTick(alerts);
  useEffect(() => {
    addIcons(map);
    const removeFootprints = addGeoJsonLayers(map, 'fire-footprints', {}, FOOTPRINT_LAYERS);
    const removeAlerts = addGeoJsonLayers(map, 'fire-alerts', {}, LAYERS);
    return () => {
      removeAlerts();
      removeFootprints();
    };
  }, [map]);
  useEffect(() => setSourceData(map, 'fire-footprints', footprints(alerts)), [map, alerts]);
  // drawn as of now: when the alerts change, and at each fade step
  useEffect(() => setSourceData(map, 'fire-alerts', features(alerts, Date.now())), [map, alerts, fadeTick]);
  useEffect(() => setLayersVisible(map, FIRE_ALERT_LAYER_IDS, visible), [map, visible]);
  usePulseMarkers(alerts, visible);
  return null;
}

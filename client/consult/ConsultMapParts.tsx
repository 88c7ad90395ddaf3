import type { MapMouseEvent } from 'maplibre-gl';
import { useEffect, useMemo } from 'react';
import type { Annotation, MapView } from '../../shared/consult.ts';
import { circleRing } from '../../shared/geo.ts';
import type { ConsultSession, Drawing } from './consult-session.ts';
import { isPresenting, useConsult } from './useConsult.ts';
import { useLiveStore } from '../realtime/LiveProvider.tsx';
import { addGeoJsonLayers, setSourceData } from '../map/geojson-source.ts';
import type { LayerVisibility } from '../map/layer-visibility.ts';
import { useMapHandle } from '../map/map-context.ts';
import { MapInteractions } from '../map/MapInteractions.tsx';
import { expr, LABEL_FONT, type LayerSpecification } from '../map/map-style.ts';

/** The presenter's view goes out at most this often while the map moves (and once more when it stops). */
const VIEW_EVERY_MS = 80;

const color = expr('get', 'color');
const ANNOTATION_LAYERS: LayerSpecification[] = [
  {
    id: 'annotation-fill',
    type: 'fill',
    source: 'annotations',
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': color, 'fill-opacity': 0.18 },
  },
  { id: 'annotation-line', type: 'line', source: 'annotations', filter: ['!=', ['geometry-type'], 'Point'], paint: { 'line-color': color, 'line-width': 3 } },
  {
    id: 'annotation-marker',
    type: 'circle',
    source: 'annotations',
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-color': color, 'circle-radius': 8, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
  },
  {
    id: 'annotation-label',
    type: 'symbol',
    source: 'annotations',
    layout: {
      'text-field': ['get', 'label'],
      'text-font': LABEL_FONT,
      'text-size': 14,
      'text-offset': [0, 1.3],
      'text-allow-overlap': true,
      'symbol-placement': 'point',
    },
    paint: { 'text-color': color, 'text-halo-color': '#050d18', 'text-halo-width': 2 },
  },
];
const DRAFT_LAYERS: LayerSpecification[] = [
  { id: 'annotation-draft-line', type: 'line', source: 'annotation-draft', paint: { 'line-color': color, 'line-width': 2, 'line-dasharray': [2, 2] } },
  {
    id: 'annotation-draft-point',
    type: 'circle',
    source: 'annotation-draft',
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-color': color, 'circle-radius': 5 },
  },
];

function geometryOf(a: Annotation): GeoJSON.Geometry {
  switch (a.kind) {
    case 'marker':
      return { type: 'Point', coordinates: a.point };
    case 'line':
      return { type: 'LineString', coordinates: a.path };
    case 'polygon':
      return { type: 'Polygon', coordinates: [[...a.ring, a.ring[0]!]] };
    case 'circle':
      return { type: 'Polygon', coordinates: [circleRing(a.center[0], a.center[1], a.radiusKm)] };
  }
}

const annotationFeatures = (annotations: readonly Annotation[]): GeoJSON.FeatureCollection => ({
  type: 'FeatureCollection',
  features: annotations.map((a) => ({
    type: 'Feature',
    id: a.id,
    geometry: geometryOf(a),
    properties: { id: a.id, color: a.color, label: a.kind === 'circle' && !a.label ? `${a.radiusKm} km` : a.label },
  })),
});

const draftFeatures = (d: Drawing): GeoJSON.FeatureCollection => ({
  type: 'FeatureCollection',
  features: [
    ...d.points.map((p): GeoJSON.Feature => ({ type: 'Feature', geometry: { type: 'Point', coordinates: p }, properties: { color: d.color } })),
    ...(d.points.length >= 2
      ? [{ type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: d.points }, properties: { color: d.color } }]
      : []),
  ],
});

/** The room's annotations on the map, the drawing under way, and the clicks that draw. */
function Annotations({ session }: { session: ConsultSession }) {
  const { map } = useMapHandle();
  const annotations = useConsult(session, (v) => v.room?.annotations);
  const drawing = useConsult(session, (v) => v.drawing);
  useEffect(() => {
    const removeDraft = addGeoJsonLayers(map, 'annotation-draft', {}, DRAFT_LAYERS);
    const removeAnnotations = addGeoJsonLayers(map, 'annotations', {}, ANNOTATION_LAYERS);
    return () => {
      removeAnnotations();
      removeDraft();
    };
  }, [map]);
  useEffect(() => setSourceData(map, 'annotations', annotationFeatures(annotations ?? [])), [map, annotations]);
  useEffect(() => setSourceData(map, 'annotation-draft', draftFeatures(drawing)), [map, drawing]);
  useEffect(() => {
    if (!drawing.kind) return;
    map.getCanvas().style.cursor = 'crosshair';
    const click = (e: MapMouseEvent) => session.addPoint([Number(e.lngLat.lng.toFixed(6)), Number(e.lngLat.lat.toFixed(6))]);
    map.on('click', click);
    return () => {
      map.off('click', click);
      map.getCanvas().style.cursor = '';
    };
  }, [map, session, drawing.kind]);
  return null;
}

/**
 * The presenter's camera goes out to the room; a follower's map takes it (and its own hands are off the
 * camera). Only the presenter clicks through to records and districts, and not while drawing.
 */
function ViewSync({ session, visible }: { session: ConsultSession; visible: LayerVisibility }) {
  const { map } = useMapHandle();
  const store = useLiveStore();
  const presenting = useConsult(session, isPresenting);
  const view = useConsult(session, (v) => v.view);

  useEffect(() => {
    if (!presenting) return;
    const viewNow = (): MapView => {
      const c = map.getCenter();
      return { center: [c.lng, c.lat], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch(), layers: visible, selected: store.get().selected };
    };
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const send = () => {
      last = Date.now();
      session.sendView(viewNow());
    };
    const moved = () => {
      const wait = VIEW_EVERY_MS - (Date.now() - last);
      if (wait <= 0) send();
      else
        timer ??= setTimeout(() => {
          timer = null;
          send();
        }, wait);
    };
    map.on('move', moved);
    map.on('moveend', send);
    send();
    return () => {
      map.off('move', moved);
      map.off('moveend', send);
      if (timer) clearTimeout(timer);
    };
  }, [map, session, presenting, visible, store]);

  useEffect(() => {
    for (const handler of [map.dragPan, map.scrollZoom, map.boxZoom, map.dragRotate, map.keyboard, map.doubleClickZoom, map.touchZoomRotate]) {
      if (presenting) handler.enable();
      else handler.disable();
    }
  }, [map, presenting]);

  useEffect(() => {
    if (presenting || !view) return;
    map.jumpTo({ center: view.center, zoom: view.zoom, bearing: view.bearing, pitch: view.pitch });
    store.update({ selected: view.selected });
  }, [map, presenting, view, store]);
  return null;
}

/** The consultation's part of the map. */
export function ConsultMapParts({ session, visible }: { session: ConsultSession; visible: LayerVisibility }) {
  const presenting = useConsult(session, isPresenting);
  const drawing = useConsult(session, (v) => v.drawing.kind !== null);
  // one object while the switches stay as they are: the presenter's view goes out again only when they change
  const stable = useMemo(() => visible, [visible.riskPoints, visible.fireAlerts, visible.warnings]);
  return (
    <>
      <Annotations session={session} />
      <ViewSync session={session} visible={stable} />
      {presenting && !drawing && <MapInteractions />}
    </>
  );
}

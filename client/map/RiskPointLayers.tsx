import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { ChunkedMap } from '../../shared/chunked-map.ts';
import { CLUSTER_TILE_LAYER, CLUSTER_TILE_MAX_ZOOM, clusterTileUrl, RED_TILE_LAYER } from '../../shared/risk-point-clusters.ts';
import type { RiskPointSummary } from '../../shared/risk-points.ts';
import { CLUSTER_DISC_COLOR, CLUSTER_TEXT_COLOR, GLYPH_COLOR, GROUND_COLOR, LEVEL_COLOR, RED_POINT_RIM } from '../ui/palette.ts';
import { clusterRadiusExpression, clusterTextSizeExpression, drawRingImage, ringImageExpression } from './cluster-ring.ts';
import { addGeoJsonLayers, addSourceLayers, setLayersVisible, setSourceData } from './geojson-source.ts';
import { useMapHandle } from './map-context.ts';
import { expr, LABEL_FONT, type LayerSpecification } from './map-style.ts';
import { recentMarkLayer } from './recent-marks.ts';
import { CATEGORY_GLYPH, RiskPointDrawing } from './risk-point-features.ts';

/** Comparing 100,000 points with the last picture costs a few ms: live changes are drawn at most this often. */
const REDRAW_INTERVAL_MS = 1000;

const levelColor = expr('match', ['get', 'level'], 'red', LEVEL_COLOR.red, 'orange', LEVEL_COLOR.orange, 'yellow', LEVEL_COLOR.yellow, LEVEL_COLOR.blue);
/** The tiles' clustered points are never red (red points come in their own layer). */
const clusteredLevelColor = expr('match', ['get', 'level'], 'orange', LEVEL_COLOR.orange, 'yellow', LEVEL_COLOR.yellow, LEVEL_COLOR.blue);
const categoryGlyph = expr('match', ['get', 'category'], ...Object.entries(CATEGORY_GLYPH).flat(), '');
/** The category's character on a single point, readable from zoom 10 or 11. */
const glyphLayout = { 'text-field': categoryGlyph, 'text-font': LABEL_FONT, 'text-size': 11, 'text-allow-overlap': true };
const dotRadius = expr('interpolate', ['linear'], ['zoom'], 7, 4, 13, 10);
const isCluster = expr('has', 'point_count');

const CLUSTERED_LAYERS: LayerSpecification[] = [
  {
    // the disc under the ring and the total: dark, so the ring's colours and the number read on it
    id: 'risk-cluster',
    type: 'circle',
    source: 'risk-points',
    'source-layer': CLUSTER_TILE_LAYER,
    filter: isCluster,
    paint: { 'circle-color': CLUSTER_DISC_COLOR, 'circle-opacity': 0.88, 'circle-radius': clusterRadiusExpression() },
  },
  {
    // the level mix as a ring of shares around the disc (red never enters a cluster: red points have their own layer)
    id: 'risk-cluster-ring',
    type: 'symbol',
    source: 'risk-points',
    'source-layer': CLUSTER_TILE_LAYER,
    filter: isCluster,
    layout: { 'icon-image': ringImageExpression(), 'icon-allow-overlap': true, 'icon-ignore-placement': true },
  },
  {
    // one number, the total: a cluster holds at least two points, and a level it lacks is not written
    id: 'risk-cluster-count',
    type: 'symbol',
    source: 'risk-points',
    'source-layer': CLUSTER_TILE_LAYER,
    filter: expr('all', isCluster, ['>', ['get', 'point_count'], 0]),
    layout: {
      'text-field': ['to-string', ['get', 'point_count']],
      'text-font': LABEL_FONT,
      'text-size': clusterTextSizeExpression(),
      'text-allow-overlap': true,
      'text-ignore-placement': true,
    },
    paint: { 'text-color': CLUSTER_TEXT_COLOR, 'text-halo-color': GROUND_COLOR, 'text-halo-width': 1 },
  },
  {
    id: 'risk-point-dot',
    type: 'circle',
    source: 'risk-points',
    'source-layer': CLUSTER_TILE_LAYER,
    filter: ['!', isCluster],
    paint: {
      'circle-color': clusteredLevelColor,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 4, 13, 9],
      'circle-stroke-color': GROUND_COLOR,
      'circle-stroke-width': 1,
    },
  },
  {
    id: 'risk-point-glyph',
    type: 'symbol',
    source: 'risk-points',
    'source-layer': CLUSTER_TILE_LAYER,
    minzoom: 11,
    filter: ['!', isCluster],
    layout: glyphLayout,
    paint: { 'text-color': GLYPH_COLOR.dark },
  },
];

/** Red points, from the tiles too, each on its own above the clusters. */
const RED_LAYERS: LayerSpecification[] = [
  {
    id: 'risk-red-dot',
    type: 'circle',
    source: 'risk-points',
    'source-layer': RED_TILE_LAYER,
    paint: { 'circle-color': LEVEL_COLOR.red, 'circle-radius': dotRadius, 'circle-stroke-color': RED_POINT_RIM, 'circle-stroke-width': 1 },
  },
  {
    id: 'risk-red-glyph',
    type: 'symbol',
    source: 'risk-points',
    'source-layer': RED_TILE_LAYER,
    minzoom: 10,
    layout: glyphLayout,
    paint: { 'text-color': GLYPH_COLOR.light },
  },
];

/**
 * Points changed live, from the screen's store, drawn above everything else of the risk points as they are
 * now (the tiles may still draw them as they were), with a mark that fades over RECENT_CHANGE_MS.
 */
const RECENT_LAYERS: LayerSpecification[] = [
  recentMarkLayer('risk-recent-mark', 'risk-recent', expr('interpolate', ['linear'], ['zoom'], 7, 11, 13, 17)),
  {
    id: 'risk-recent-dot',
    type: 'circle',
    source: 'risk-recent',
    paint: {
      'circle-color': levelColor,
      'circle-radius': dotRadius,
      'circle-stroke-color': ['match', ['get', 'level'], 'red', RED_POINT_RIM, GROUND_COLOR],
      'circle-stroke-width': 1,
    },
  },
  {
    id: 'risk-recent-glyph',
    type: 'symbol',
    source: 'risk-recent',
    minzoom: 10,
    layout: glyphLayout,
    paint: { 'text-color': ['match', ['get', 'level'], 'red', GLYPH_COLOR.light, GLYPH_COLOR.dark] },
  },
];

/** Every layer the risk points draw, in drawing order: the legend is checked against these. */
export const RISK_POINT_LAYERS: readonly LayerSpecification[] = [...CLUSTERED_LAYERS, ...RED_LAYERS, ...RECENT_LAYERS];

/**
 * Draws a cluster's ring when a tile first needs it: one image per size and mix of shares. MapLibre 6 waits
 * for its resolver before it lays the tile out (an image added from the `styleimagemissing` event comes too
 * late for the tile that asked). The map has one resolver, and the rings are the only images made on demand.
 */
function useRingImages(map: MapLibreMap) {
  useEffect(() => {
    map.setMissingStyleImageResolver((id) => {
      if (map.hasImage(id)) return;
      const drawn = drawRingImage(id);
      if (drawn) map.addImage(id, drawn.image, { pixelRatio: drawn.pixelRatio });
    });
    return () => void map.setMissingStyleImageResolver(null);
  }, [map]);
}

export const RISK_POINT_LAYER_IDS = RISK_POINT_LAYERS.map((l) => l.id);
export const RISK_POINT_CLICKABLE = ['risk-point-dot', 'risk-red-dot', 'risk-recent-dot'];

/**
 * The risk points: the server's tiles of clusters and red points, and above them the changes from the
 * screen's store. The tiles are on the map as soon as it opens; the changes follow the picture (`points`,
 * null until the snapshot is in).
 */
export function RiskPointLayers({ points, visible }: { points: ChunkedMap<RiskPointSummary> | null; visible: boolean }) {
  const { map } = useMapHandle();
  const latest = useRef(points);
  latest.current = points;
  const redrawNow = useRef(() => {});
  useRingImages(map);

  useEffect(() => {
    // the tiles' address changes (`v`) when they should be fetched again
    const tiles = (version: number) => [clusterTileUrl(window.location.origin, version)];
    const removeTiles = addSourceLayers(map, 'risk-points', { type: 'vector', tiles: tiles(0), maxzoom: CLUSTER_TILE_MAX_ZOOM }, [
      ...CLUSTERED_LAYERS,
      ...RED_LAYERS,
    ]);
    const removeRecent = addGeoJsonLayers(map, 'risk-recent', {}, RECENT_LAYERS);
    const drawing = new RiskPointDrawing();
    let tilesVersion = 0;
    const redraw = () => {
      if (!latest.current) return;
      const { refreshTiles, recent } = drawing.redraw(latest.current, Date.now());
      if (refreshTiles) map.getSource<VectorTileSource>('risk-points')?.setTiles(tiles(++tilesVersion));
      if (recent) setSourceData(map, 'risk-recent', recent);
    };
    redrawNow.current = redraw;
    redraw();
    const timer = setInterval(redraw, REDRAW_INTERVAL_MS);
    return () => {
      clearInterval(timer);
      removeRecent();
      removeTiles();
    };
  }, [map]);

  // the snapshot is drawn as soon as it is in, not at the next tick
  const pictured = points !== null;
  useEffect(() => {
    if (pictured) redrawNow.current();
  }, [pictured]);

  useEffect(() => setLayersVisible(map, RISK_POINT_LAYER_IDS, visible), [map, visible]);
  return null;
}

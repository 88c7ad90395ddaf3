import type { VectorTileSource } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { ChunkedMap } from '../../shared/chunked-map.ts';
import { CLUSTER_TILE_LAYER, CLUSTER_TILE_MAX_ZOOM, clusterTileUrl, RED_TILE_LAYER } from '../../shared/risk-point-clusters.ts';
import type { RiskPointSummary } from '../../shared/risk-points.ts';
import { LEVEL_COLOR } from '../ui/palette.ts';
import { addGeoJsonLayers, addSourceLayers, setLayersVisible, setSourceData } from './geojson-source.ts';
import { useMapHandle } from './map-context.ts';
import { expr, LABEL_FONT, type LayerSpecification } from './map-style.ts';
import { CATEGORY_GLYPH, RiskPointDrawing } from './risk-point-features.ts';

/** Comparing 100,000 points with the last picture costs a few ms: live changes are drawn at most this often. */
const REDRAW_INTERVAL_MS = 1000;

const levelColor = expr('match', ['get', 'level'], 'red', LEVEL_COLOR.red, 'orange', LEVEL_COLOR.orange, 'yellow', LEVEL_COLOR.yellow, LEVEL_COLOR.blue);
const categoryGlyph = expr('match', ['get', 'category'], ...Object.entries(CATEGORY_GLYPH).flat(), '');
/** The category's character on a single point, readable from zoom 10 or 11. */
const glyphLayout = { 'text-field': categoryGlyph, 'text-font': LABEL_FONT, 'text-size': 11, 'text-allow-overlap': true };
const dotRadius = expr('interpolate', ['linear'], ['zoom'], 7, 4, 13, 10);

/** The server's clusters carry their mix of levels (red never enters one: red points have their own layer). */
const dominantLevel = expr('case', ['>', ['get', 'orange'], 0], LEVEL_COLOR.orange, ['>', ['get', 'yellow'], 0], LEVEL_COLOR.yellow, LEVEL_COLOR.blue);

const CLUSTERED_LAYERS: LayerSpecification[] = [
  {
    id: 'risk-cluster',
    type: 'circle',
    source: 'risk-points',
    'source-layer': CLUSTER_TILE_LAYER,
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': dominantLevel,
      'circle-opacity': 0.28,
      'circle-stroke-color': dominantLevel,
      'circle-stroke-width': 2,
      'circle-radius': ['interpolate', ['linear'], ['get', 'point_count'], 10, 16, 100, 24, 1000, 34, 10000, 46],
    },
  },
  {
    // the mix, each count in its level's colour: "orange · yellow · blue"
    id: 'risk-cluster-mix',
    type: 'symbol',
    source: 'risk-points',
    'source-layer': CLUSTER_TILE_LAYER,
    filter: ['has', 'point_count'],
    layout: {
      'text-field': [
        'format',
        ['to-string', ['get', 'orange']],
        { 'text-color': LEVEL_COLOR.orange },
        '·',
        {},
        ['to-string', ['get', 'yellow']],
        { 'text-color': LEVEL_COLOR.yellow },
        '·',
        {},
        ['to-string', ['get', 'blue']],
        { 'text-color': LEVEL_COLOR.blue },
      ],
      'text-font': LABEL_FONT,
      'text-size': 12,
      'text-allow-overlap': true,
    },
    paint: { 'text-halo-color': '#07111f', 'text-halo-width': 1.5, 'text-color': '#ffffff' },
  },
  {
    id: 'risk-point-dot',
    type: 'circle',
    source: 'risk-points',
    'source-layer': CLUSTER_TILE_LAYER,
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': levelColor,
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 4, 13, 9],
      'circle-stroke-color': '#07111f',
      'circle-stroke-width': 1,
    },
  },
  {
    id: 'risk-point-glyph',
    type: 'symbol',
    source: 'risk-points',
    'source-layer': CLUSTER_TILE_LAYER,
    minzoom: 11,
    filter: ['!', ['has', 'point_count']],
    layout: glyphLayout,
    paint: { 'text-color': '#07111f' },
  },
];

/** Red points, from the tiles too, each on its own above the clusters. */
const RED_LAYERS: LayerSpecification[] = [
  {
    id: 'risk-red-dot',
    type: 'circle',
    source: 'risk-points',
    'source-layer': RED_TILE_LAYER,
    paint: { 'circle-color': LEVEL_COLOR.red, 'circle-radius': dotRadius, 'circle-stroke-color': '#2a0000', 'circle-stroke-width': 1 },
  },
  {
    id: 'risk-red-glyph',
    type: 'symbol',
    source: 'risk-points',
    'source-layer': RED_TILE_LAYER,
    minzoom: 10,
    layout: glyphLayout,
    paint: { 'text-color': '#ffffff' },
  },
];

/** Points changed live, from the screen's store, highlighted above everything else of the risk points. */
const RECENT_LAYERS: LayerSpecification[] = [
  {
    id: 'risk-recent-dot',
    type: 'circle',
    source: 'risk-recent',
    paint: { 'circle-color': levelColor, 'circle-radius': dotRadius, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 },
  },
  {
    id: 'risk-recent-glyph',
    type: 'symbol',
    source: 'risk-recent',
    minzoom: 10,
    layout: glyphLayout,
    paint: { 'text-color': '#ffffff' },
  },
];

export const RISK_POINT_LAYER_IDS = [...CLUSTERED_LAYERS, ...RED_LAYERS, ...RECENT_LAYERS].map((l) => l.id);
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

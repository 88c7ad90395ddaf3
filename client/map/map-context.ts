import type { Map as MapLibreMap } from 'maplibre-gl';
import { createContext, useContext } from 'react';
import type { Bounds } from './geometry.ts';

export interface MapHandle {
  map: MapLibreMap;
  districtBounds: Map<string, Bounds>;
  cityBounds: Bounds;
  /** A district's outline polygons, for warnings that name districts rather than draw areas. */
  districtOutline: (code: string) => GeoJSON.Position[][][];
}

export const MapContext = createContext<MapHandle | null>(null);

export function useMapHandle(): MapHandle {
  const handle = useContext(MapContext);
  if (!handle) throw new Error('map layer outside MapCanvas');
  return handle;
}

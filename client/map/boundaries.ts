import boundariesUrl from '../../shared/data/jiujiang-districts.geojson?url';

let loading: Promise<GeoJSON.FeatureCollection> | null = null;

/**
 * The district boundaries the map is drawn on. Asked for as the screen starts, before the snapshot request:
 * reading 100,000 risk points keeps the server busy for a moment, and the map should not wait behind it.
 */
export function loadBoundaries(): Promise<GeoJSON.FeatureCollection> {
  loading ??= fetch(boundariesUrl).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`district boundaries: HTTP ${r.status}`))));
  return loading;
}

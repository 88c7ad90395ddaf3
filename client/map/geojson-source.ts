import type { GeoJSONSource, GeoJSONSourceDiff, Map as MapLibreMap } from 'maplibre-gl';
import type { LayerSpecification } from './map-style.ts';

type SourceOptions = Record<string, unknown>;

/** Adds a GeoJSON source and its layers, and returns the cleanup that removes them (layers first). */
export function addGeoJsonLayers(map: MapLibreMap, sourceId: string, source: SourceOptions, layers: LayerSpecification[]): () => void {
  map.addSource(sourceId, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, ...source } as never);
  for (const layer of layers) map.addLayer(layer);
  return () => {
    if (!map.style) return; // the map itself is gone
    for (const layer of layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    if (map.getSource(sourceId)) map.removeSource(sourceId);
  };
}

export function setSourceData(map: MapLibreMap, sourceId: string, data: GeoJSON.FeatureCollection): void {
  map.getSource<GeoJSONSource>(sourceId)?.setData(data);
}

/** Applies only what changed; the source must have been given ids (`promoteId`). */
export function updateSourceData(map: MapLibreMap, sourceId: string, diff: GeoJSONSourceDiff): void {
  map.getSource<GeoJSONSource>(sourceId)?.updateData(diff);
}

export function setLayersVisible(map: MapLibreMap, layerIds: readonly string[], visible: boolean): void {
  for (const id of layerIds) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
}

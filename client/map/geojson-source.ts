import type { GeoJSONSource, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl';
import type { LayerSpecification } from './map-style.ts';

type SourceOptions = Record<string, unknown>;

/** Adds a source and its layers, and returns the cleanup that removes them (layers first). */
export function addSourceLayers(map: MapLibreMap, sourceId: string, source: SourceSpecification, layers: LayerSpecification[]): () => void {
  map.addSource(sourceId, source);
  for (const layer of layers) map.addLayer(layer);
  return () => {
    if (!map.style) return; // the map itself is gone
    for (const layer of layers) if (map.getLayer(layer.id)) map.removeLayer(layer.id);
    if (map.getSource(sourceId)) map.removeSource(sourceId);
  };
}

/** Adds a GeoJSON source, empty until its data is set, and its layers; returns their cleanup. */
export function addGeoJsonLayers(map: MapLibreMap, sourceId: string, source: SourceOptions, layers: LayerSpecification[]): () => void {
  return addSourceLayers(map, sourceId, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, ...source } as SourceSpecification, layers);
}

export function setSourceData(map: MapLibreMap, sourceId: string, data: GeoJSON.FeatureCollection): void {
  map.getSource<GeoJSONSource>(sourceId)?.setData(data);
}

export function setLayersVisible(map: MapLibreMap, layerIds: readonly string[], visible: boolean): void {
  for (const id of layerIds) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
}

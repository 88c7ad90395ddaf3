import { type MapLayerMouseEvent, Popup } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DistrictCode } from '../../shared/districts.ts';
import { useLive, useLiveStore } from '../realtime/LiveProvider.tsx';
import { FIRE_ALERT_CLICKABLE } from './FireAlertLayers.tsx';
import { useMapHandle } from './map-context.ts';
import { isPickingPlace } from './place-pick.ts';
import { RISK_POINT_CLICKABLE } from './RiskPointLayers.tsx';

const FLY_DURATION_MS = 1200;
/** The detail drawer's width with its margin (theme.css `.drawer`). */
const DRAWER_WIDTH_PX = 400;

/** Hover, click and camera: the map's side of selecting records and districts. */
export function MapInteractions() {
  const { map, districtBounds, cityBounds } = useMapHandle();
  const store = useLiveStore();
  const { t } = useTranslation();
  const district = useLive((v) => v.district);
  const focus = useLive((v) => v.focus);

  useEffect(() => {
    const popup = new Popup({ closeButton: false, closeOnClick: false, className: 'map-tooltip', offset: 12 });
    const hoverable = [...RISK_POINT_CLICKABLE, ...FIRE_ALERT_CLICKABLE, 'risk-cluster'];
    const enter = (e: MapLayerMouseEvent) => {
      map.getCanvas().style.cursor = 'pointer';
      const p = e.features?.[0]?.properties;
      if (!p) return;
      const point = typeof p.id === 'string' ? store.get().sync.live?.riskPoints.get(p.id) : undefined;
      const text = p.point_count ? `${p.point_count}` : (point?.name ?? `${t(`source.${p.source}`)} · ${t(`fireStatus.${p.status}`)}`);
      popup.setLngLat(e.lngLat).setText(String(text)).addTo(map);
    };
    const leave = () => {
      map.getCanvas().style.cursor = '';
      popup.remove();
    };
    // while a form waits for a place (PlacePicker), a click on the map is that place, not a selection
    const clickRecord = (kind: 'riskPoint' | 'fireAlert') => (e: MapLayerMouseEvent) => {
      if (isPickingPlace()) return;
      const id = e.features?.[0]?.properties?.id;
      if (typeof id !== 'string') return;
      const view = store.get().sync.live;
      const record = kind === 'riskPoint' ? view?.riskPoints.get(id) : view?.fireAlerts.get(id);
      if (record) store.show(kind, record);
    };
    // the server tells each cluster the zoom at which it falls apart
    const clickCluster = (e: MapLayerMouseEvent) => {
      if (isPickingPlace()) return;
      const zoom = e.features?.[0]?.properties?.expansion_zoom;
      if (typeof zoom === 'number') map.easeTo({ center: e.lngLat, zoom });
    };
    const clickDistrict = (e: MapLayerMouseEvent) => {
      if (isPickingPlace()) return;
      const hits = map.queryRenderedFeatures(e.point, { layers: [...hoverable].filter((id) => map.getLayer(id)) });
      if (hits.length > 0) return; // a record or cluster took the click
      const code = e.features?.[0]?.properties?.adcode as DistrictCode | undefined;
      if (code) store.update({ district: store.get().district === code ? null : code });
    };
    const handlers: [string, string, (e: MapLayerMouseEvent) => void][] = [
      ...hoverable.flatMap((layer): [string, string, (e: MapLayerMouseEvent) => void][] => [
        ['mouseenter', layer, enter],
        ['mouseleave', layer, leave],
      ]),
      ...RISK_POINT_CLICKABLE.map((layer): [string, string, (e: MapLayerMouseEvent) => void] => ['click', layer, clickRecord('riskPoint')]),
      ...FIRE_ALERT_CLICKABLE.map((layer): [string, string, (e: MapLayerMouseEvent) => void] => ['click', layer, clickRecord('fireAlert')]),
      ['click', 'risk-cluster', clickCluster],
      ['click', 'district-fill', clickDistrict],
    ];
    for (const [type, layer, fn] of handlers) map.on(type as 'click', layer, fn);
    return () => {
      for (const [type, layer, fn] of handlers) map.off(type as 'click', layer, fn);
      popup.remove();
    };
  }, [map, store, t]);

  const framed = useRef<DistrictCode | null>(null);
  useEffect(() => {
    for (const code of districtBounds.keys()) map.setFeatureState({ source: 'districts', id: code }, { selected: code === district });
    if (framed.current === district) return; // the map opens framed on the whole city
    framed.current = district;
    map.fitBounds(district ? districtBounds.get(district)! : cityBounds, { padding: 40, duration: FLY_DURATION_MS });
  }, [map, district, districtBounds, cityBounds]);

  useEffect(() => {
    // the record opens in the drawer on the right: centre it in the part of the map left uncovered
    if (focus)
      map.flyTo({ center: [focus.lon, focus.lat], zoom: Math.max(map.getZoom(), focus.zoom), offset: [-DRAWER_WIDTH_PX / 2, 0], duration: FLY_DURATION_MS });
  }, [map, focus]);

  return null;
}

import { Marker } from 'maplibre-gl';
import { useEffect } from 'react';
import { useMapHandle } from '../map/map-context.ts';
import type { Shot } from './director.ts';

const FLIGHT_MS = 2500;
const TOUR_FLIGHT_MS = 4000;
const FOCUS_ZOOM = 11.5;

/** The wall's camera: turns the map to the director's shot, with a ring around the news while it is shown. */
export function WallCamera({ shot }: { shot: Shot }) {
  const { map, districtBounds, cityBounds } = useMapHandle();
  const key = shot.kind === 'focus' ? `focus:${shot.news.id}` : shot.kind === 'tour' ? `tour:${shot.district}` : 'overview';

  useEffect(() => {
    const district = shot.kind === 'tour' ? shot.district : shot.kind === 'focus' ? shot.news.district : null;
    for (const code of districtBounds.keys()) map.setFeatureState({ source: 'districts', id: code }, { selected: code === district });
    if (shot.kind === 'overview') {
      map.fitBounds(cityBounds, { padding: 40, duration: FLIGHT_MS });
      return;
    }
    if (shot.kind === 'tour') {
      map.fitBounds(districtBounds.get(shot.district)!, { padding: 80, duration: TOUR_FLIGHT_MS });
      return;
    }
    map.flyTo({ center: [shot.news.lon, shot.news.lat], zoom: FOCUS_ZOOM, duration: FLIGHT_MS });
    // MapLibre places the marker by its element's transform: the ring animates inside it
    const holder = document.createElement('div');
    const ring = holder.appendChild(document.createElement('div'));
    ring.className = `wall-focus-ring ${shot.news.kind}`;
    const marker = new Marker({ element: holder }).setLngLat([shot.news.lon, shot.news.lat]).addTo(map);
    return () => void marker.remove();
    // the shot's key says when the camera must move: a new director object with the same shot must not
    // restart the flight
  }, [map, key]);
  return null;
}

import { type MapMouseEvent, Marker } from 'maplibre-gl';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useMapHandle } from './map-context.ts';
import { answerPlacePick, usePlacePick } from './place-pick.ts';

/** Five decimals: about a metre, finer than any place a phone call or a click can give. */
const round = (deg: number) => Math.round(deg * 1e5) / 1e5;

/**
 * The map's side of picking a place (place-pick.ts): while a form waits, a crosshair and a hint; the next
 * click answers it (and no record or district takes that click); Esc cancels. The forms' places are marked.
 */
export function PlacePicker() {
  const { map } = useMapHandle();
  const { t } = useTranslation();
  const { pending, marked } = usePlacePick();

  useEffect(() => {
    if (!pending) return;
    const canvas = map.getCanvas();
    canvas.style.cursor = 'crosshair';
    // answered after this click's other handlers ran, so they all still see the pick and leave the click alone
    const click = (e: MapMouseEvent) => void setTimeout(() => answerPlacePick({ lon: round(e.lngLat.lng), lat: round(e.lngLat.lat) }), 0);
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') answerPlacePick(null);
    };
    map.on('click', click);
    window.addEventListener('keydown', key);
    return () => {
      canvas.style.cursor = '';
      map.off('click', click);
      window.removeEventListener('keydown', key);
    };
  }, [map, pending]);

  useEffect(() => {
    const markers = marked.map((p) => new Marker({ color: '#38bdf8' }).setLngLat([p.lon, p.lat]).addTo(map));
    for (const marker of markers) marker.getElement().dataset.testid = 'place-marker';
    return () => markers.forEach((m) => m.remove());
  }, [map, marked]);

  if (!pending) return null;
  return (
    <div className="place-pick-hint" data-testid="place-pick-hint" role="status">
      <span>{pending.prompt}</span>
      <small>{t('place.pickHint')}</small>
      <button type="button" onClick={() => answerPlacePick(null)}>
        {t('place.cancel')}
      </button>
    </div>
  );
}

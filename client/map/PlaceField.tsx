import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { markPlace, type Place, pickPlace } from './place-pick.ts';

export interface PlaceFieldProps {
  value: Place | null;
  onChange: (place: Place) => void;
  /** What the place is for, said on the map while it waits for the click (e.g. 风险点位置). */
  prompt: string;
  testId?: string;
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

/**
 * A form's place: picked by clicking on the map (the form's overlay gives way meanwhile), or typed as
 * longitude and latitude (a place is given once both read as numbers; the server judges the range and says
 * when the two are swapped). The place is marked on the map while the form holds it.
 */
export function PlaceField({ value, onChange, prompt, testId = 'place-field' }: PlaceFieldProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState({ lon: text(value?.lon), lat: text(value?.lat) });
  useEffect(() => {
    // a pick replaces what was typed; what is being typed (e.g. "115.") stays as it is
    if (value) setTyped((prev) => (Number(prev.lon) === value.lon && Number(prev.lat) === value.lat ? prev : { lon: text(value.lon), lat: text(value.lat) }));
    return value ? markPlace(value) : undefined;
  }, [value]);
  const pick = async () => {
    const place = await pickPlace(prompt);
    if (place) onChange(place);
  };
  const type = (key: keyof Place) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const next = { ...typed, [key]: e.target.value };
    setTyped(next);
    const lon = Number(next.lon);
    const lat = Number(next.lat);
    if (next.lon.trim() && next.lat.trim() && Number.isFinite(lon) && Number.isFinite(lat)) onChange({ lon, lat });
  };
  return (
    <div className="place-field" data-testid={testId}>
      <button type="button" className="place-pick" onClick={pick}>
        {t('place.pickOnMap')}
      </button>
      <label>
        {t('place.lon')}
        <input name="lon" inputMode="decimal" value={typed.lon} onChange={type('lon')} />
      </label>
      <label>
        {t('place.lat')}
        <input name="lat" inputMode="decimal" value={typed.lat} onChange={type('lat')} />
      </label>
    </div>
  );
}

import { type ComponentProps, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type LiveMap from './LiveMap.tsx';

type LiveMapComponent = typeof LiveMap;

let loading: Promise<LiveMapComponent> | null = null;
/** MapLibre is the heaviest part of a screen: it comes in its own chunk, asked for once. */
export const loadLiveMap = () => (loading ??= import('./LiveMap.tsx').then((module) => module.default));

/**
 * The live map, from its chunk, with a loading note until the chunk is in. Not React's `lazy`: Suspense
 * reveals a resolved part only at its next convenient render, and while the 30 MB snapshot is being read
 * that was a second after the chunk arrived — a second the map could spend opening and fetching its tiles.
 * A state update mounts it at once.
 */
export function LoadingLiveMap(props: ComponentProps<LiveMapComponent>) {
  const { t } = useTranslation();
  const [Map, setMap] = useState<LiveMapComponent | null>(null);
  useEffect(() => {
    let mounted = true;
    void loadLiveMap().then((component) => mounted && setMap(() => component));
    return () => {
      mounted = false;
    };
  }, []);
  return Map ? <Map {...props} /> : <div className="map-loading">{t('map.loading')}</div>;
}

import { type ComponentProps, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type LiveMap from './LiveMap.tsx';

type LiveMapComponent = typeof LiveMap;

/** A chunk that failed to come (the server restarting under a wall) is asked for again this often. */
const RETRY_MS = 5000;

let loading: Promise<LiveMapComponent> | null = null;
/** MapLibre is the heaviest part of a screen: it comes in its own chunk, asked for once until it is in. */
export const loadLiveMap = () =>
  (loading ??= import('./LiveMap.tsx').then(
    (module) => module.default,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  ));

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
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      loadLiveMap().then(
        (component) => mounted && setMap(() => component),
        () => mounted && (retry = setTimeout(load, RETRY_MS)),
      );
    void load();
    return () => {
      mounted = false;
      clearTimeout(retry);
    };
  }, []);
  return Map ? <Map {...props} /> : <div className="map-loading">{t('map.loading')}</div>;
}

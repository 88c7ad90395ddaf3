import { type ComponentType, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A chunk that failed to come (the server restarting under a wall) is asked for again this often. */
const RETRY_MS = 5000;

export interface LazyMap<P> {
  /** Asks for the chunk (once until it is in); a screen calls it at start-up, before the snapshot is read. */
  load(): Promise<ComponentType<P>>;
  /** The map from its chunk, with a loading note until the chunk is in. */
  Map: ComponentType<P>;
}

/**
 * MapLibre is the heaviest part of a screen: each screen's map (the live map and what the screen adds to it)
 * comes in its own chunk, the shared part in one chunk beside it, both asked for at once. Not React's `lazy`:
 * Suspense reveals a resolved part only at its next convenient render, and while the 30 MB snapshot is being
 * read that was a second after the chunk arrived — a second the map could spend opening and fetching its
 * tiles. A state update mounts it at once.
 */
export function lazyMap<P extends object>(importer: () => Promise<{ default: ComponentType<P> }>): LazyMap<P> {
  let loading: Promise<ComponentType<P>> | null = null;
  const load = () =>
    (loading ??= importer().then(
      (module) => module.default,
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  function Map(props: P) {
    const { t } = useTranslation();
    const [Loaded, setLoaded] = useState<ComponentType<P> | null>(null);
    useEffect(() => {
      let mounted = true;
      let retry: ReturnType<typeof setTimeout> | undefined;
      const attempt = () =>
        load().then(
          (component) => mounted && setLoaded(() => component),
          () => mounted && (retry = setTimeout(attempt, RETRY_MS)),
        );
      void attempt();
      return () => {
        mounted = false;
        clearTimeout(retry);
      };
    }, []);
    return Loaded ? <Loaded {...props} /> : <div className="map-loading">{t('map.loading')}</div>;
  }
  return { load, Map };
}

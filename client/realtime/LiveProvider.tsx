import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { LiveStore, type LiveView } from './live-store.ts';

const LiveContext = createContext<LiveStore | null>(null);

/**
 * Owns the screen's connection for its lifetime: one store, one socket. A store handed in may already be
 * started (main.tsx starts it before the first render, so the snapshot is on its way sooner).
 */
export function LiveProvider({ store: given, children }: { store?: LiveStore; children: ReactNode }) {
  const [store] = useState(() => given ?? new LiveStore());
  useEffect(() => {
    store.start();
    fetch('/api/health')
      .then((r) => r.json())
      .then((h: { demo?: boolean }) => store.update({ demo: h.demo === true }))
      .catch(() => undefined);
    // Reachable from the browser console and the end-to-end tests, like a maintenance hatch.
    (window as unknown as { onemap?: LiveStore }).onemap = store;
    return () => store.stop();
  }, [store]);
  return <LiveContext.Provider value={store}>{children}</LiveContext.Provider>;
}

export function useLiveStore(): LiveStore {
  const store = useContext(LiveContext);
  if (!store) throw new Error('useLiveStore outside LiveProvider');
  return store;
}

/** A slice of the live view; the component re-renders only when the slice changes (by identity). */
export function useLive<T>(select: (view: LiveView) => T): T {
  const store = useLiveStore();
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
